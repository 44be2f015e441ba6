/**
 * An OpenAI-compatible HTTP server on 127.0.0.1 driven by a script of replies, for tests and the benchmark simulator.
 * It records every request so tests can assert on what the agent sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { flavourEndpoint, modelsList, type ServedModel, type ServerFlavour } from "./flavours.js";
import { renderChunks, renderCompletion, type ReasoningField, type RenderContext } from "./render.js";
import { ReplyBuilder, type ReplySpec } from "./script.js";

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/v1/chat/completions". */
  path: string;
  // `any` on purpose: tests read arbitrary fields of the recorded JSON (`body.messages[0].role`) and a precise type
  // would force casts into every assertion. Undefined when the body was empty; the raw text when it was not JSON.
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** A scripted reply, or a function deciding one from the request. */
export type Scripted = ReplyBuilder | ReplySpec | ((request: RecordedRequest) => ReplyBuilder | ReplySpec);

export interface LlmServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on and to put in `baseUrl` (default 127.0.0.1; tests of non-local endpoints use another). */
  host?: string;
  /** Which local server to imitate for discovery endpoints (default "openai": models list only). */
  flavour?: ServerFlavour;
  /** Served models (default one model, "test-model"). */
  models?: Array<string | ServedModel>;
  /** Context window exposed for models that set none (flavours that expose one). */
  contextLength?: number;
  /** A server that silently truncates: reported prompt tokens never exceed this. */
  truncateAt?: number;
  /** Field carrying reasoning in replies (default "reasoning_content"). */
  reasoningField?: ReasoningField;
  /** Answer 400 to any chat request that offers `tools` (a server without native tool calling). */
  rejectTools?: boolean;
  /** Answer 400 to chat requests containing a message with one of these roles (e.g. ["tool"], ["developer"]). */
  rejectRoles?: string[];
  /** Require `Authorization: Bearer <apiKey>` on every request. */
  apiKey?: string;
}

export interface LlmServer {
  readonly baseUrl: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Chat requests only, in order. */
  readonly chatRequests: RecordedRequest[];
  /** Queue replies; each chat request consumes one, in order. */
  enqueue(...replies: Scripted[]): void;
  /** Decide replies per request once the queue is empty (replaces any previous responder). */
  respond(responder: (request: RecordedRequest) => ReplyBuilder | ReplySpec): void;
  /** Replies still queued. */
  readonly pending: number;
  close(): Promise<void>;
}

function specOf(r: ReplyBuilder | ReplySpec): ReplySpec {
  return r instanceof ReplyBuilder ? r.spec : r;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain" : "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function apiError(message: string, type: string, code?: string): unknown {
  return { error: { message, type, code: code ?? null, param: null } };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class ScriptedServer implements LlmServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Scripted[] = [];
  private responder: ((request: RecordedRequest) => ReplyBuilder | ReplySpec) | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly models: ServedModel[];
  private readonly flavour: ServerFlavour;
  private seq = 0;
  private http = createServer((req, res) => void this.handle(req, res));
  port = 0;

  constructor(private readonly options: LlmServerOptions) {
    this.flavour = options.flavour ?? "openai";
    const given = options.models ?? ["test-model"];
    this.models = given.map((m) => {
      const model = typeof m === "string" ? { id: m } : { ...m };
      if (model.contextLength === undefined && options.contextLength !== undefined) {
        model.contextLength = options.contextLength;
      }
      return model;
    });
    this.http.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  get baseUrl(): string {
    const host = this.options.host ?? "127.0.0.1";
    return `http://${host.includes(":") ? `[${host}]` : host}:${this.port}/v1`;
  }

  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith("/chat/completions"));
  }

  get pending(): number {
    return this.queue.length;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
  }

  enqueue(...replies: Scripted[]): void {
    this.queue.push(...replies);
  }

  respond(responder: (request: RecordedRequest) => ReplyBuilder | ReplySpec): void {
    this.responder = responder;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const body = await readBody(req).catch(() => undefined);
    const recorded: RecordedRequest = { method: req.method ?? "GET", path, body, headers: { ...req.headers } };
    this.requests.push(recorded);
    if (this.options.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return sendJson(res, 401, apiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
    }
    if (recorded.method === "POST" && /^(\/v1)?\/chat\/completions$/.test(path)) {
      return this.chat(recorded, res);
    }
    if (recorded.method === "GET" && /^(\/v1)?\/models$/.test(path)) {
      const answer = modelsList(this.flavour, this.models);
      return sendJson(res, answer.status, answer.body);
    }
    const answer = flavourEndpoint(this.flavour, recorded.method, path, this.models, body);
    if (answer) return sendJson(res, answer.status, answer.body);
    sendJson(res, 404, apiError(`No route for ${recorded.method} ${path}`, "invalid_request_error", "not_found"));
  }

  private next(request: RecordedRequest): ReplySpec | undefined {
    const item = this.queue.shift();
    if (item !== undefined) return typeof item === "function" ? specOf(item(request)) : specOf(item);
    return this.responder ? specOf(this.responder(request)) : undefined;
  }

  /** A 400 the way servers without a feature answer, or undefined when the request is acceptable. */
  private rejection(body: Record<string, unknown>): string | undefined {
    if (this.options.rejectTools && Array.isArray(body["tools"]) && body["tools"].length > 0) {
      return "This model does not support tools";
    }
    const roles = this.options.rejectRoles ?? [];
    const messages = Array.isArray(body["messages"]) ? (body["messages"] as Array<Record<string, unknown>>) : [];
    const bad = messages.find((m) => roles.includes(String(m["role"])));
    return bad ? `Unsupported message role: ${String(bad["role"])}` : undefined;
  }

  private async chat(request: RecordedRequest, res: ServerResponse): Promise<void> {
    if (!request.body || typeof request.body !== "object") {
      return sendJson(res, 400, apiError("Request body must be a JSON object.", "invalid_request_error"));
    }
    const body = request.body as Record<string, unknown>;
    const rejected = this.rejection(body);
    if (rejected) return sendJson(res, 400, apiError(rejected, "invalid_request_error"));
    const spec = this.next(request);
    if (!spec) {
      const n = this.chatRequests.length;
      return sendJson(
        res,
        500,
        apiError(`test server: the script ran out (chat request #${n} has no reply queued)`, "server_error"),
      );
    }
    this.seq++;
    if (spec.delayMs) await sleep(spec.delayMs);
    if (res.destroyed) return;
    const failure = spec.failure;
    if (failure?.type === "http") {
      return sendJson(res, failure.status, apiError(failure.message, "server_error"), failure.headers);
    }
    if (failure?.type === "garbage") return sendJson(res, 200, failure.body);
    const ctx: RenderContext = {
      model: typeof body["model"] === "string" ? body["model"] : (this.models[0]?.id ?? "test-model"),
      body,
      reasoningField: this.options.reasoningField ?? "reasoning_content",
      seq: this.seq,
    };
    if (this.options.truncateAt !== undefined) ctx.truncateAt = this.options.truncateAt;
    if (body["stream"] === true) return this.stream(spec, ctx, body, res);
    if (failure?.type === "hang") return; // never answer; close() destroys the socket
    if (failure?.type === "stream") {
      if (failure.message !== undefined) return sendJson(res, 500, apiError(failure.message, "server_error"));
      res.socket?.destroy();
      return;
    }
    sendJson(res, 200, renderCompletion(spec, ctx));
  }

  private async stream(spec: ReplySpec, ctx: RenderContext, body: Record<string, unknown>, res: ServerResponse) {
    const failure = spec.failure;
    if (failure?.type === "hang" && failure.afterChunks === undefined) return;
    const options = body["stream_options"];
    const includeUsage =
      !!options && typeof options === "object" && (options as Record<string, unknown>)["include_usage"] === true;
    const events = renderChunks(spec, ctx, includeUsage);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    // The opening role chunk is not counted: `streamError(2)` sends the role chunk and two chunks with content.
    const cutAfter = failure?.type === "stream" || failure?.type === "hang" ? (failure.afterChunks ?? 0) + 1 : Infinity;
    for (let i = 0; i < events.length; i++) {
      if (i >= cutAfter) {
        if (failure?.type === "stream" && failure.message !== undefined) {
          res.end(`data: ${JSON.stringify(apiError(failure.message, "server_error"))}\n\n`);
        } else if (failure?.type === "stream") res.socket?.destroy();
        return; // hang: leave the stream open
      }
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify(events[i])}\n\n`);
      // Yield between chunks so clients see them as separate network reads.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    res.end("data: [DONE]\n\n");
  }
}

/** Start a scripted OpenAI-compatible server on 127.0.0.1 (random port unless `options.port` is given). */
export async function startLlmServer(options: LlmServerOptions = {}): Promise<LlmServer> {
  const server = new ScriptedServer(options);
  await server.listen();
  return server;
}
