const { fetchItem } = require("./store.js");

async function loadAll(ids) {
  const items = ids.map((id) => fetchItem(id));
  return items;
}

module.exports = { loadAll };
