const config = require("./config.json");
module.exports = { describe: () => `${config.name}:${config.port}` };
