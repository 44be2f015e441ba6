const test = require("node:test");
const assert = require("node:assert");
const { slugify } = require("../src/slug.js");

test("slugs", () => {
  assert.strictEqual(slugify("Hello   World!"), "hello-world");
  assert.strictEqual(slugify("  SmallCode 2 Go "), "smallcode-2-go");
  assert.strictEqual(slugify("a"), "a");
});
