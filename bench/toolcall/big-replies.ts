/** 200 KB replies for the cost figures: realistic shapes, generated deterministically (no randomness, no clock). */

const CODE_LINE = (i: number) =>
  `export function handler${i}(req: Request): Response { return json({ id: ${i}, ok: "yes" }); }\n`;

function code(bytes: number): string {
  let s = "";
  for (let i = 0; s.length < bytes; i++) s += CODE_LINE(i);
  return s.slice(0, bytes);
}

function prose(bytes: number): string {
  const sentence =
    "The handler validates the request, looks up the record and returns it as JSON; errors map to 4xx codes. ";
  return sentence.repeat(Math.ceil(bytes / sentence.length)).slice(0, bytes);
}

export function bigReplies(): [string, string][] {
  const size = 200 * 1024;
  const content = code(size - 200);
  return [
    [
      "200 KB write_file in a Hermes call",
      `Writing the file.\n<tool_call>\n${JSON.stringify({ name: "write_file", arguments: { path: "src/handlers.ts", content } })}\n</tool_call>`,
    ],
    [
      "200 KB write_file in Qwen3-Coder XML",
      `<tool_call>\n<function=write_file>\n<parameter=path>\nsrc/handlers.ts\n</parameter>\n<parameter=content>\n${content}</parameter>\n</function>\n</tool_call>`,
    ],
    ["200 KB prose answer, no call", prose(size)],
    [
      "adversarial (linear, not a target): 3,000 shown <tool_call> examples",
      'For example:\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>\n'.repeat(
        Math.floor(size / 75),
      ),
    ],
    [
      "adversarial (linear, not a target): 6,400 unclosed <tool_call> JSON",
      '<tool_call>{"name": "a", "x": "'.repeat(Math.floor(size / 32)),
    ],
    [
      "200 KB reply: code fences, then one fenced call",
      `${("```ts\n" + code(2000) + "```\n" + prose(1500) + "\n").repeat(56)}\`\`\`json\n{"name": "bash", "arguments": {"command": "npm test"}}\n\`\`\``,
    ],
  ];
}
