/**
 * A local server on 127.0.0.1 (port 0) that speaks the Anthropic Messages API, for tests and the
 * bench: `POST /v1/messages` as JSON or as an SSE stream with the API's events (`message_start`,
 * `content_block_start` / `ping` / `content_block_delta` / `content_block_stop`, `message_delta` with
 * the cumulative usage, `message_stop`), `count_tokens`, message batches, the model list, and errors
 * in the API's `{ type: "error", error }` shape.
 *
 * Behaviour is chosen by the request, as a real client would send it:
 * - model `error-400` / `error-429` / `error-500` / `error-529` → that error; `stream-error` → an
 *   `error` event mid-stream (overloaded); `slow` → a long stream with a pause between deltas;
 *   `late-text` → a pause of `LATE_TEXT_DELAY_MS` between the empty block start and the first text;
 * - a request with `tools` whose last message carries no `tool_result` → a `tool_use` block
 *   (`get_weather` for Paris), stop reason `tool_use`; else text, stop reason `end_turn`;
 * - a request whose `system` prompt mentions "cached" → usage with cache reads and writes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the server received. */
export interface AnthropicRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** A running local Anthropic server. */
export interface AnthropicServer {
  /** Base URL to give the client: `http://127.0.0.1:<port>`. */
  readonly baseURL: string;
  readonly requests: AnthropicRequest[];
  /** When each stream sent its first content delta (epoch ms), in order. */
  readonly firstDeltaAt: number[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

export const LATE_TEXT_DELAY_MS = 150;
const SLOW_DELTAS = 200;
const SLOW_DELTA_DELAY_MS = 10;
export const TEXT = "Hello from the local Anthropic server.";
export const TOOL_INPUT = { city: "Paris" };
/** The usage of every message; cache counts only for cached prompts (zero otherwise, as the API sends). */
export function usageFor(body: Json): Json {
  const cached = JSON.stringify(body.system ?? "").includes("cached");
  return { input_tokens: 25, cache_creation_input_tokens: cached ? 40 : 0, cache_read_input_tokens: cached ? 100 : 0, output_tokens: 12, service_tier: "standard" };
}

/** The model the server says answered: a dated snapshot of the requested alias. */
export function returnedAnthropicModel(model: unknown): string {
  return `${typeof model === "string" ? model : "unknown"}-20250929`;
}

export async function startAnthropicServer(): Promise<AnthropicServer> {
  const requests: AnthropicRequest[] = [];
  const firstDeltaAt: number[] = [];
  let counter = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = raw === "" ? {} : (JSON.parse(raw) as Json);
    requests.push({ method: req.method ?? "GET", path: url.pathname, body });
    res.setHeader("request-id", `req_${++counter}`);
    const error = /^error-(\d{3})$/.exec(String(body.model))?.[1];
    if (error !== undefined) return sendError(res, Number(error));
    if (req.method === "GET" && url.pathname === "/v1/models") return sendJson(res, { data: [{ type: "model", id: "claude-sonnet-5-5", display_name: "Claude Sonnet 4.5", created_at: "2025-09-29T00:00:00Z" }], has_more: false, first_id: "claude-sonnet-5-5", last_id: "claude-sonnet-5-5" });
    if (url.pathname === "/v1/messages/count_tokens") return sendJson(res, { input_tokens: 42 });
    if (url.pathname === "/v1/messages/batches") return sendJson(res, batch(body));
    if (url.pathname === "/v1/messages") return body.stream === true ? stream(res, body, firstDeltaAt) : sendJson(res, message(body));
    sendJson(res, { type: "error", error: { type: "not_found_error", message: `no route ${req.method} ${url.pathname}` } }, 404);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    firstDeltaAt,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number): void {
  const errors: Record<number, [string, string]> = {
    400: ["invalid_request_error", "max_tokens: Field required"],
    429: ["rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"],
    500: ["api_error", "Internal server error"],
    529: ["overloaded_error", "Overloaded"],
  };
  const [type, message] = errors[status] ?? ["api_error", `error ${status}`];
  res.setHeader("retry-after", "0");
  sendJson(res, { type: "error", error: { type, message }, request_id: "req_error" }, status);
}

function wantsTool(body: Json): boolean {
  const messages = (body.messages as { content?: unknown }[] | undefined) ?? [];
  const last = JSON.stringify(messages.at(-1)?.content ?? "");
  return Array.isArray(body.tools) && body.tools.length > 0 && !last.includes("tool_result");
}

function message(body: Json): Json {
  const tool = wantsTool(body);
  const content = tool
    ? [{ type: "text", text: "Let me check the weather.", citations: null }, { type: "tool_use", id: "toolu_paris", name: "get_weather", input: TOOL_INPUT }]
    : [{ type: "text", text: TEXT, citations: null }];
  return { id: "msg_local", type: "message", role: "assistant", model: returnedAnthropicModel(body.model), content, stop_reason: tool ? "tool_use" : "end_turn", stop_sequence: null, usage: usageFor(body) };
}

async function stream(res: ServerResponse, body: Json, firstDeltaAt: number[]): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (event: string, data: Json): void => {
    if (!res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  };
  const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  const usage = usageFor(body);
  // message_start carries the input usage and one output token; message_delta the cumulative totals.
  send("message_start", { message: { id: "msg_local", type: "message", role: "assistant", model: returnedAnthropicModel(body.model), content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } });
  send("content_block_start", { index: 0, content_block: { type: "text", text: "", citations: null } });
  send("ping", {});
  if (body.model === "late-text") await pause(LATE_TEXT_DELAY_MS);
  let first = true;
  const delta = (index: number, d: Json): void => {
    if (first) firstDeltaAt.push(Date.now());
    first = false;
    send("content_block_delta", { index, delta: d });
  };
  if (body.model === "slow") {
    for (let i = 0; i < SLOW_DELTAS && !res.destroyed; i++) {
      delta(0, { type: "text_delta", text: `tick ${i} ` });
      await pause(SLOW_DELTA_DELAY_MS);
    }
  } else if (wantsTool(body)) {
    delta(0, { type: "text_delta", text: "Let me check the weather." });
    send("content_block_stop", { index: 0 });
    send("content_block_start", { index: 1, content_block: { type: "tool_use", id: "toolu_paris", name: "get_weather", input: {} } });
    for (const part of ['{"city"', ': "Par', 'is"}']) delta(1, { type: "input_json_delta", partial_json: part });
    send("content_block_stop", { index: 1 });
  } else {
    for (const word of TEXT.split(/(?<= )/)) delta(0, { type: "text_delta", text: word });
  }
  if (body.model === "stream-error") {
    send("error", { error: { type: "overloaded_error", message: "Overloaded" } });
    res.end();
    return;
  }
  if (!wantsTool(body)) send("content_block_stop", { index: 0 });
  send("message_delta", { delta: { stop_reason: wantsTool(body) ? "tool_use" : "end_turn", stop_sequence: null }, usage: { output_tokens: usage.output_tokens, input_tokens: usage.input_tokens, cache_creation_input_tokens: usage.cache_creation_input_tokens, cache_read_input_tokens: usage.cache_read_input_tokens } });
  send("message_stop", {});
  if (!res.destroyed) res.end();
}

function batch(body: Json): Json {
  const count = Array.isArray(body.requests) ? body.requests.length : 0;
  return {
    id: "msgbatch_local",
    type: "message_batch",
    processing_status: "in_progress",
    request_counts: { processing: count, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
    created_at: "2025-09-29T00:00:00Z",
    expires_at: "2025-09-30T00:00:00Z",
    ended_at: null,
    cancel_initiated_at: null,
    archived_at: null,
    results_url: null,
  };
}
