/**
 * Model client benchmark, against the project's test server on 127.0.0.1 (no live model):
 * - client overhead per request: medians of the same streamed reply read with a bare `fetch`, with the `openai`
 *   package alone, and with `client.complete()` (whose own share is the last minus the middle);
 * - think-tag splitting throughput on streamed content;
 * - discovery time when nothing listens on the candidate ports (the zero-configuration cost of a cold start).
 *
 *   npx tsx bench/model/run.ts
 */
import { createServer } from "node:net";
import OpenAI from "openai";
import { performance } from "node:perf_hooks";
import { reply, startLlmServer, type LlmServer } from "../server/index.js";
import { createModelClient } from "../../runtime/model/client.js";
import { discoverServer } from "../../runtime/model/discover.js";
import { ThinkSplitter } from "../../runtime/model/reasoning.js";

const RUNS = 41;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function rawStream(server: LlmServer): Promise<void> {
  const res = await fetch(`${server.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "m", stream: true, messages: [{ role: "user", content: "hi" }] }),
  });
  await res.text();
}

async function overhead(label: string, content: string, chunks: number): Promise<void> {
  const server = await startLlmServer();
  server.respond(() => reply().text(content).chunked(chunks).stop());
  const client = createModelClient({ baseUrl: server.baseUrl, model: "m" });
  const openai = new OpenAI({ baseURL: server.baseUrl, apiKey: "x", maxRetries: 0 });
  const raw: number[] = [];
  const pkg: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await rawStream(server);
    raw.push(performance.now() - t);
    t = performance.now();
    const stream = await openai.chat.completions.create({
      model: "m",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    for await (const chunk of stream) void chunk;
    pkg.push(performance.now() - t);
    t = performance.now();
    const result = await client.complete({ messages: [{ role: "user", content: "hi" }] });
    full.push(performance.now() - t);
    if (result.stopReason !== "stop") throw new Error(`unexpected result: ${JSON.stringify(result.error)}`);
  }
  await server.close();
  const [r, p, f] = [median(raw), median(pkg), median(full)];
  console.log(
    `${label.padEnd(34)} fetch ${r.toFixed(2)} ms   openai ${p.toFixed(2)} ms   client ${f.toFixed(2)} ms   ` +
      `client's own share ${(f - p).toFixed(2)} ms`,
  );
}

function splitterThroughput(): void {
  const body =
    "<think>" + "Let me consider the failing test and the edit. ".repeat(4000) + "</think>" + "x".repeat(50_000);
  const times: number[] = [];
  for (let run = 0; run < 15; run++) {
    const t = performance.now();
    const s = new ThinkSplitter();
    for (let i = 0; i < body.length; i += 24) s.push(body.slice(i, i + 24));
    s.finish();
    times.push(performance.now() - t);
  }
  const mb = body.length / 1e6;
  console.log(
    `think splitter (24-char chunks)    ${(mb / (median(times) / 1000)).toFixed(1)} MB/s (${mb.toFixed(2)} MB)`,
  );
}

async function deadPorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
    ports.push((s.address() as { port: number }).port);
    await new Promise<void>((r) => s.close(() => r()));
  }
  return ports;
}

async function discoveryCost(): Promise<void> {
  const ports = await deadPorts(5);
  const candidates = ports.map((port) => ({ kind: "openai-compatible" as const, port, label: `port ${port}` }));
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await discoverServer({ candidates });
    times.push(performance.now() - t);
  }
  console.log(`discovery, nothing listening (5)   ${median(times).toFixed(2)} ms`);
}

async function main(): Promise<void> {
  console.log(`median of ${RUNS} runs, test server on 127.0.0.1`);
  await overhead("short answer (40 chars, 2 chunks)", "The test passes now; the fix was a typo.", 2);
  await overhead("long answer (8 KB, 200 chunks)", "const value = compute(input); ".repeat(270), 200);
  splitterThroughput();
  await discoveryCost();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
