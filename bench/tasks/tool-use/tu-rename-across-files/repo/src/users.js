const USERS = { 1: "ada", 2: "alan" };

function getUsr(id) {
  return USERS[id] ?? null;
}

module.exports = { getUsr };
