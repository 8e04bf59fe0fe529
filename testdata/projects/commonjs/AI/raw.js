const axios = require("axios");
const { OPENROUTER_URL, MODEL: model, ROUTING } = require("../lib");
const settings = require("../lib/settings.js");

async function pinned(messages) {
  return axios.post(OPENROUTER_URL, { model, messages, provider: ROUTING }); // expect: OR005
}

async function viaSettings(messages) {
  return axios.post(settings.openrouter.url, { model, messages }); // expect: OR003, OR005
}

module.exports = { pinned, viaSettings };
