async function fetchItem(id) {
  await new Promise((r) => setTimeout(r, 1));
  return { id, name: `item-${id}` };
}

module.exports = { fetchItem };
