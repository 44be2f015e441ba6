const test = require("node:test");
const assert = require("node:assert");
const { request } = require("../src/index.js");
const { ANIMATION_MS } = require("../src/settings/ui.js");

test("timeout is 5 s", () => assert.strictEqual(request("/x").timeout, 5000));
test("ui untouched", () => assert.strictEqual(ANIMATION_MS, 500));
