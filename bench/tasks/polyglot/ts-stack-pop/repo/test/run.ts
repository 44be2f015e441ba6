import assert from "node:assert/strict";
import { Stack } from "../src/stack.ts";

const s = new Stack<number>();
s.push(1);
s.push(2);
s.push(3);
assert.equal(s.peek(), 3);
assert.equal(s.pop(), 3);
assert.equal(s.pop(), 2);
assert.equal(s.size, 1);
assert.equal(new Stack<number>().pop(), undefined);
console.log("ok");
