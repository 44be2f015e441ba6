const { REQUEST_TIMEOUT_MS } = require("../settings/limits.js");

function request(url) {
  return { url, timeout: REQUEST_TIMEOUT_MS };
}

module.exports = { request };
