import assert from "node:assert/strict";
import * as utils from "../src/utils.ts";
import * as strings from "../src/strings.ts";
import { title } from "../src/app.ts";

assert.equal(strings.capitalize("ada"), "Ada");
assert.equal("capitalize" in utils, false, "capitalize must leave utils.ts");
assert.equal(title(["small", "code"]), "Small Code (9)");
console.log("ok");
