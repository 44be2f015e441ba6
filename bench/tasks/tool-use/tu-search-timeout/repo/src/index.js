const { request } = require("./net/client.js");
module.exports = { request };
