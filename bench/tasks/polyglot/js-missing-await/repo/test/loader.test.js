const test = require("node:test");
const assert = require("node:assert");
const { loadAll } = require("../src/loader.js");

test("loads every item", async () => {
  const items = await loadAll([1, 2]);
  assert.deepStrictEqual(items, [
    { id: 1, name: "item-1" },
    { id: 2, name: "item-2" },
  ]);
});
