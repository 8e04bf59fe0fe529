module.exports = {
  openrouter: { url: "https://openrouter.ai/api/v1/chat/completions" },
};
