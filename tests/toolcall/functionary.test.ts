import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../../runtime/toolcall/index.js";

const tools = [
  {
    type: "function" as const,
    function: {
      name: "read_file",
      description: "Read a file.",
      parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
    },
  },
];

describe("Functionary's text parts", () => {
  it("leave the user the text of `>>>all` parts, without the marker", () => {
    const r = parseToolCalls({ text: '>>>all\nI will look at both.\n>>>read_file\n{"path": "a.ts"}' }, tools);
    expect(r.calls.map((c) => c.arguments)).toEqual([{ path: "a.ts" }]);
    expect(r.text).toBe("I will look at both.");
    expect(parseToolCalls({ text: ">>>all\nNo change is needed." }, tools).text).toBe("No change is needed.");
  });
});
