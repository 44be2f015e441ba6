const users = require("./users.js");

function isAdmin(id) {
  return users.getUsr(id) === "ada";
}

module.exports = { isAdmin };
