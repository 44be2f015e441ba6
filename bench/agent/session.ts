/**
 * The scripted 30-turn session of the agent benchmark: a small Node project and the replies a model might give while
 * exploring it, fixing a bug, running the tests and adding a function. Each reply is one tool call; the last answers.
 */
export const PROJECT: Record<string, string> = {
  "package.json":
    JSON.stringify({ name: "shop", version: "1.0.0", scripts: { test: "node test/run.js" } }, null, 2) + "\n",
  "src/cart.js":
    "const { round } = require('./money.js');\n\nfunction total(items) {\n  let sum = 0;\n  for (const item of items) {\n    sum += item.price * item.qty;\n  }\n  return round(sum);\n}\n\nfunction count(items) {\n  return items.length;\n}\n\nmodule.exports = { total, count };\n",
  "src/money.js": "function round(x) {\n  return Math.floor(x * 100) / 100;\n}\n\nmodule.exports = { round };\n",
  "src/format.js": "function price(x) {\n  return '$' + x.toFixed(2);\n}\n\nmodule.exports = { price };\n",
  "test/run.js":
    "const assert = require('node:assert');\nconst { total } = require('../src/cart.js');\nconst { round } = require('../src/money.js');\nassert.strictEqual(round(2.675), 2.68);\nassert.strictEqual(total([{ price: 1.005, qty: 2 }]), 2.01);\nconsole.log('all tests passed');\n",
  "README.md": "# shop\n\nA tiny cart library. Run `npm test`.\n",
};

export const TASK =
  "The tests fail: round() in src/money.js truncates instead of rounding. Fix it, then add a count() test.";

export type Step = { tool: string; args: Record<string, unknown> } | { text: string };

export const STEPS: Step[] = [
  { tool: "list_dir", args: {} },
  { tool: "read_file", args: { path: "package.json" } },
  { tool: "bash", args: { command: "npm test 2>&1 | tail -5" } },
  { tool: "read_file", args: { path: "src/money.js" } },
  { tool: "grep", args: { pattern: "round", path: "src" } },
  { tool: "read_file", args: { path: "src/cart.js" } },
  { tool: "read_file", args: { path: "test/run.js" } },
  {
    tool: "edit_file",
    args: {
      path: "src/money.js",
      old_text: "  return Math.floor(x * 100) / 100;",
      new_text: "  return Math.round((x + Number.EPSILON) * 100) / 100;",
    },
  },
  { tool: "bash", args: { command: "npm test 2>&1 | tail -5" } },
  { tool: "read_file", args: { path: "src/money.js" } },
  { tool: "glob", args: { pattern: "**/*.js" } },
  { tool: "read_file", args: { path: "src/format.js" } },
  { tool: "grep", args: { pattern: "count", path: "." } },
  {
    tool: "edit_file",
    args: {
      path: "test/run.js",
      old_text: "console.log('all tests passed');",
      new_text:
        "const { count } = require('../src/cart.js');\nassert.strictEqual(count([{}, {}]), 2);\nconsole.log('all tests passed');",
    },
  },
  { tool: "bash", args: { command: "npm test 2>&1 | tail -5" } },
  { tool: "bash", args: { command: "git status --short" } },
  { tool: "bash", args: { command: "git diff --stat" } },
  { tool: "read_file", args: { path: "test/run.js" } },
  { tool: "read_file", args: { path: "README.md" } },
  {
    tool: "edit_file",
    args: { path: "README.md", old_text: "Run `npm test`.", new_text: "Run `npm test` (rounds half up)." },
  },
  { tool: "grep", args: { pattern: "toFixed", path: "src" } },
  { tool: "read_file", args: { path: "src/cart.js", start_line: 1, end_line: 9 } },
  { tool: "bash", args: { command: "node -e \"console.log(require('./src/money.js').round(1.005))\"" } },
  { tool: "list_dir", args: { path: "src" } },
  { tool: "bash", args: { command: "npm test 2>&1 | tail -5" } },
  { tool: "read_file", args: { path: "package.json" } },
  { tool: "glob", args: { pattern: "test/*.js" } },
  { tool: "bash", args: { command: "git diff src/money.js" } },
  { tool: "bash", args: { command: "npm test 2>&1 | tail -3" } },
  { text: "Fixed round() to round half up and added a count() test; all tests pass." },
];
