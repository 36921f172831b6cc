/**
 * A local OpenAI-compatible HTTP server on 127.0.0.1 (port 0) for tests, the example and the bench.
 * It answers like the API: JSON and SSE streams for chat completions (content, parallel tool calls
 * whose deltas interleave, usage in a final chunk when `stream_options.include_usage` is set), the
 * Responses API (typed stream events), embeddings (float or base64), legacy completions, model and
 * stored-completion lists (cursor pagination), and errors.
 *
 * Behaviour is chosen by the request, as a real client would send it:
 * - model `error-400` / `error-429` / `error-500` → that error; `stream-error` → an error mid-stream;
 *   `slow` → a long stream with a pause between chunks (for abort tests);
 * - a chat request with `tools` and no `tool` message yet → two parallel tool calls (`get_weather` for
 *   Paris and Tokyo); `response_format` / `text.format` of type `json_schema` → JSON text;
 * - `failNext(status, times)` makes the next requests fail (to exercise the client's retries).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage["headers"];
}

/** A running local OpenAI-compatible server. */
export interface OpenAIServer {
  /** Base URL to give the client: `http://127.0.0.1:<port>/v1`. */
  readonly baseURL: string;
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[];
  /** The next `times` requests fail with `status` (and a tiny `retry-after-ms`). */
  failNext(status: number, times?: number): void;
  /** Stops the server. */
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
type Msg = { role?: string; content?: unknown };

const CHAT_USAGE = {
  prompt_tokens: 120,
  completion_tokens: 45,
  total_tokens: 165,
  prompt_tokens_details: { cached_tokens: 20, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 10, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};
const RESPONSES_USAGE = {
  input_tokens: 50,
  output_tokens: 30,
  total_tokens: 80,
  input_tokens_details: { cached_tokens: 10 },
  output_tokens_details: { reasoning_tokens: 12 },
};
const STORED_COMPLETIONS = 5;
const SLOW_CHUNKS = 200;
const SLOW_CHUNK_DELAY_MS = 10;

/** The model the server says answered: a dated snapshot of `gpt-*` models, else the requested name. */
export function returnedModel(model: unknown): string {
  const name = typeof model === "string" ? model : "unknown";
  return name.startsWith("gpt-") ? `${name}-2024-07-18` : name;
}

/** Starts the server on 127.0.0.1 with a free port. */
export async function startOpenAIServer(): Promise<OpenAIServer> {
  const requests: ReceivedRequest[] = [];
  const failures: number[] = [];
  let counter = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/^\/v1/, "");
    const body = raw === "" ? {} : (JSON.parse(raw) as Json);
    requests.push({ method: req.method ?? "GET", path: url.pathname, body, headers: req.headers });
    res.setHeader("x-request-id", `req_${++counter}`);
    const forced = failures.shift();
    if (forced !== undefined) return sendError(res, forced);
    const error = /^error-(\d{3})$/.exec(String(body.model))?.[1];
    if (error !== undefined) return sendError(res, Number(error));
    if (req.method === "GET" && path === "/models") return sendJson(res, { object: "list", data: ["gpt-4o-mini", "gpt-4.1", "text-embedding-3-small"].map((id) => ({ id, object: "model", created: 1, owned_by: "tracewise" })) });
    if (req.method === "GET" && path === "/chat/completions") return sendJson(res, storedCompletions(url.searchParams));
    if (path === "/chat/completions") return chat(res, body);
    if (path === "/responses") return responses(res, body);
    if (path === "/embeddings") return sendJson(res, embeddings(body));
    if (path === "/completions") return legacy(res, body);
    sendJson(res, { error: { message: `no route ${req.method} ${url.pathname}`, type: "invalid_request_error" } }, 404);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext: (status, times = 1) => failures.push(...Array.from({ length: times }, () => status)),
    close: () => new Promise<void>((resolve) => {
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
  const messages: Record<number, [string, string]> = {
    400: ["Invalid value for 'temperature': must be at most 2.", "invalid_request_error"],
    429: ["Rate limit reached for requests. Please try again later.", "rate_limit_exceeded"],
    500: ["The server had an error while processing your request.", "server_error"],
  };
  const [message, type] = messages[status] ?? [`error ${status}`, "server_error"];
  res.setHeader("retry-after-ms", "5");
  sendJson(res, { error: { message, type, param: null, code: status === 429 ? "rate_limit_exceeded" : null } }, status);
}

async function sendSse(res: ServerResponse, events: readonly (Json | { event: string; data: Json })[], delayMs = 0): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const e of events) {
    if (res.destroyed) return;
    res.write("event" in e && typeof e.event === "string" ? `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n` : `data: ${JSON.stringify(e)}\n\n`);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  }
  if (!res.destroyed) res.end("data: [DONE]\n\n");
}

function wantsJson(format: unknown): boolean {
  return typeof format === "object" && format !== null && (format as Json).type === "json_schema";
}

const WEATHER_JSON = JSON.stringify({ city: "Paris", temperature_c: 21 });
const TOOL_CALLS = [
  { id: "call_paris", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
  { id: "call_tokyo", type: "function", function: { name: "get_weather", arguments: '{"city":"Tokyo"}' } },
];

function chatText(body: Json): string {
  const messages = (body.messages as Msg[] | undefined) ?? [];
  if (wantsJson(body.response_format)) return WEATHER_JSON;
  if (messages.at(-1)?.role === "tool") return "It is 21°C in Paris and 18°C in Tokyo.";
  return "Hello from the local server.";
}

function wantsToolCalls(body: Json): boolean {
  const messages = (body.messages as Msg[] | undefined) ?? [];
  return Array.isArray(body.tools) && body.tools.length > 0 && !messages.some((m) => m.role === "tool");
}

function chat(res: ServerResponse, body: Json): Promise<void> | void {
  const model = returnedModel(body.model);
  const base = { id: "chatcmpl-local", created: 1_700_000_000, model, system_fingerprint: "fp_local" };
  const tools = wantsToolCalls(body);
  const n = typeof body.n === "number" ? body.n : 1;
  if (body.stream !== true) {
    const message = tools ? { role: "assistant", content: null, tool_calls: TOOL_CALLS, refusal: null } : { role: "assistant", content: chatText(body), refusal: null };
    const choices = Array.from({ length: n }, (_, index) => ({ index, message, finish_reason: tools ? "tool_calls" : "stop", logprobs: null }));
    return sendJson(res, { ...base, object: "chat.completion", choices, usage: CHAT_USAGE });
  }
  const chunk = (delta: Json, finish: string | null = null): Json => ({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  const events: Json[] = [chunk({ role: "assistant", content: "" })];
  if (body.model === "slow") for (let i = 0; i < SLOW_CHUNKS; i++) events.push(chunk({ content: `tick ${i} ` }));
  else if (tools) {
    const piece = (index: number, fn: Json, extra: Json = {}): Json => chunk({ tool_calls: [{ index, ...extra, function: fn }] });
    events.push(
      piece(0, { name: "get_weather", arguments: "" }, { id: "call_paris", type: "function" }),
      piece(1, { name: "get_weather", arguments: "" }, { id: "call_tokyo", type: "function" }),
      piece(0, { arguments: '{"city":' }),
      piece(1, { arguments: '{"city":' }),
      piece(1, { arguments: '"Tokyo"}' }),
      piece(0, { arguments: '"Paris"}' }),
    );
  } else for (const word of chatText(body).split(/(?<= )/)) events.push(chunk({ content: word }));
  if (body.model === "stream-error") events.push({ error: { message: "The model crashed mid-stream.", type: "server_error" } });
  events.push(chunk({}, tools ? "tool_calls" : "stop"));
  const streamOptions = body.stream_options as Json | undefined;
  if (streamOptions?.include_usage === true) events.push({ ...base, object: "chat.completion.chunk", choices: [], usage: CHAT_USAGE });
  return sendSse(res, events, body.model === "slow" ? SLOW_CHUNK_DELAY_MS : 0);
}

function responses(res: ServerResponse, body: Json): Promise<void> | void {
  const model = returnedModel(body.model);
  const text = wantsJson((body.text as Json | undefined)?.format) ? WEATHER_JSON : "Hello from the Responses API.";
  const message = { id: "msg_1", type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [] }] };
  const call = { id: "fc_1", type: "function_call", call_id: "call_paris", name: "get_weather", arguments: '{"city":"Paris"}', status: "completed" };
  // Tools offered and no tool result sent back yet → a function call (as the chat route does).
  const answered = Array.isArray(body.input) && body.input.some((item) => (item as Json | null)?.type === "function_call_output");
  const withTools = Array.isArray(body.tools) && body.tools.length > 0 && !answered;
  const output = withTools ? [call] : [message];
  const response = (status: string, out: unknown[], usage: unknown): Json => ({ id: "resp_local", object: "response", created_at: 1_700_000_000, status, model, output: out, usage, error: null, incomplete_details: null, instructions: body.instructions ?? null, tools: body.tools ?? [], parallel_tool_calls: true, tool_choice: "auto", temperature: 1, top_p: 1, text: { format: { type: "text" } } });
  if (body.stream !== true) return sendJson(res, response("completed", output, RESPONSES_USAGE));
  let seq = 0;
  const ev = (type: string, data: Json): { event: string; data: Json } => ({ event: type, data: { type, sequence_number: seq++, ...data } });
  const events = [ev("response.created", { response: response("in_progress", [], null) }), ev("response.in_progress", { response: response("in_progress", [], null) })];
  if (withTools) {
    events.push(ev("response.output_item.added", { output_index: 0, item: { ...call, arguments: "", status: "in_progress" } }));
    for (const part of ['{"city":', '"Paris"}']) events.push(ev("response.function_call_arguments.delta", { output_index: 0, item_id: "fc_1", delta: part }));
    events.push(ev("response.output_item.done", { output_index: 0, item: call }));
  } else {
    events.push(ev("response.output_item.added", { output_index: 0, item: { ...message, content: [], status: "in_progress" } }));
    events.push(ev("response.content_part.added", { output_index: 0, content_index: 0, item_id: "msg_1", part: { type: "output_text", text: "", annotations: [] } }));
    for (const word of text.split(/(?<= )/)) events.push(ev("response.output_text.delta", { output_index: 0, content_index: 0, item_id: "msg_1", delta: word, logprobs: [] }));
    events.push(ev("response.output_text.done", { output_index: 0, content_index: 0, item_id: "msg_1", text, logprobs: [] }));
    events.push(ev("response.content_part.done", { output_index: 0, content_index: 0, item_id: "msg_1", part: message.content[0] }));
    events.push(ev("response.output_item.done", { output_index: 0, item: message }));
  }
  events.push(ev("response.completed", { response: response("completed", output, RESPONSES_USAGE) }));
  return sendSse(res, events);
}

function embeddings(body: Json): Json {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const dims = typeof body.dimensions === "number" ? body.dimensions : 8;
  const vector = (i: number): number[] => Array.from({ length: dims }, (_, d) => Math.round(Math.sin(i + d) * 1000) / 1000);
  const encode = (v: number[]): string => Buffer.from(new Float32Array(v).buffer).toString("base64");
  const data = inputs.map((_, i) => ({ object: "embedding", index: i, embedding: body.encoding_format === "base64" ? encode(vector(i)) : vector(i) }));
  return { object: "list", data, model: returnedModel(body.model), usage: { prompt_tokens: inputs.length * 4, total_tokens: inputs.length * 4 } };
}

function legacy(res: ServerResponse, body: Json): Promise<void> | void {
  const base = { id: "cmpl-local", object: "text_completion", created: 1_700_000_000, model: returnedModel(body.model) };
  const text = " This is a legacy completion.";
  const usage = { prompt_tokens: 6, completion_tokens: 6, total_tokens: 12 };
  if (body.stream !== true) return sendJson(res, { ...base, choices: [{ index: 0, text, finish_reason: "stop", logprobs: null }], usage });
  const events: Json[] = text.split(/(?= )/).map((t) => ({ ...base, choices: [{ index: 0, text: t, finish_reason: null, logprobs: null }] }));
  events.push({ ...base, choices: [{ index: 0, text: "", finish_reason: "stop", logprobs: null }] });
  if ((body.stream_options as Json | undefined)?.include_usage === true) events.push({ ...base, choices: [], usage });
  return sendSse(res, events);
}

function storedCompletions(params: URLSearchParams): Json {
  const limit = Number(params.get("limit") ?? 20);
  const after = params.get("after");
  const all = Array.from({ length: STORED_COMPLETIONS }, (_, i) => ({ id: `chatcmpl-stored-${i}`, object: "chat.completion", created: 1, model: "gpt-4o-mini", choices: [] }));
  const start = after === null ? 0 : all.findIndex((c) => c.id === after) + 1;
  const data = all.slice(start, start + limit);
  return { object: "list", data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < all.length };
}
