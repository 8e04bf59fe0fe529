const openrouter = require("../utils/openrouterClient");

module.exports.chatbot = async (messages) => {
  const response = await openrouter.post("/chat/completions", { model: "openai/gpt-4o-mini", messages }); // expect: OR003, OR005
  return response.data;
};
