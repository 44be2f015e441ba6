const test = require("node:test");
const assert = require("node:assert");
const { describe: d } = require("../server.js");
const config = require("../config.json");

test("configured", () => {
  assert.strictEqual(d(), "smallcode:8080");
  assert.strictEqual(config.logLevel, "info");
  assert.deepStrictEqual(config.features, { cache: true });
});
