const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const users = require("../src/users.js");
const { greeting } = require("../src/greeting.js");
const { isAdmin } = require("../src/admin.js");

test("getUser is exported", () => assert.strictEqual(users.getUser(2), "alan"));
test("callers work", () => {
  assert.strictEqual(greeting(1), "Hello, ada");
  assert.strictEqual(isAdmin(1), true);
});
test("no getUsr left", () => {
  const dir = path.join(__dirname, "..", "src");
  for (const f of fs.readdirSync(dir)) assert.ok(!fs.readFileSync(path.join(dir, f), "utf8").includes("getUsr"), f);
});
