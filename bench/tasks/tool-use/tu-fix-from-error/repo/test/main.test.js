const test = require("node:test");
const assert = require("node:assert");
const { execFileSync } = require("node:child_process");
const path = require("node:path");

test("main prints the report", () => {
  const out = execFileSync("node", ["main.js"], { cwd: path.join(__dirname, ".."), encoding: "utf8" });
  assert.strictEqual(out.trim(), "orders: 2, total: 35");
});
