exports.OPENROUTER_URL = "https://openrouter.ai/api/v1/chat/completions";
module.exports.MODEL = "meta-llama/llama-3.1-8b-instruct";
module.exports.ROUTING = { order: ["together"], allow_fallbacks: false };
