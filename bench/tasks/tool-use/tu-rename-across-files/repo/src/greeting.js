const { getUsr } = require("./users.js");

function greeting(id) {
  const name = getUsr(id);
  return name ? `Hello, ${name}` : "Hello, stranger";
}

module.exports = { greeting };
