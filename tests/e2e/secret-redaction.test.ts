import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { makeRepo, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

describe("a secret read through an unnamed file", () => {
  it("grep -r over the project does not hand the .env value to the model", async () => {
    server = await startServer();
    repo = makeRepo({ ".env": "OPENAI_API_KEY=sk-proj-abcdef1234567890XYZ\n", "src/a.ts": "export const a = 1;\n" });
    server.enqueue(reply().tool("bash", { command: "grep -r sk- ." }), reply().text("Done."));
    const { agent } = smallcode(server, repo.dir);
    await agent.run("find keys");
    expect(JSON.stringify(server.chatRequests[1]!.body.messages)).not.toContain("sk-proj-abcdef1234567890XYZ");
  });
});
