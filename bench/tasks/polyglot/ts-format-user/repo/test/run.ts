import assert from "node:assert/strict";
import { formatUser } from "../src/format.ts";

assert.equal(formatUser({ first: "Ada", last: "Lovelace" }), "Ada Lovelace");
assert.equal(formatUser({ first: "Ada", last: "Lovelace", email: "ada@example.com" }), "Ada Lovelace <ada@example.com>");
console.log("ok");
