import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Token counts every completion reports (with OpenAI's detail fields). */
export const FAKE_USAGE = {
  prompt_tokens: 12,
  completion_tokens: 7,
  total_tokens: 19,
  prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 2, audio_tokens: 0 },
} as const;

/** The model the server says answered: the requested one with a dated suffix, as OpenAI does. */
export const respondingModel = (requested: string): string => `${requested}-2024-07-18`;

/** A model name that makes the server answer 400, to exercise errors. */
export const FAILING_MODEL = "fail-model";
/** A model whose stream pauses LATE_CONTENT_DELAY_MS between the empty role chunk and the first content. */
export const LATE_CONTENT_MODEL = "late-content";
export const LATE_CONTENT_DELAY_MS = 150;
/** A model whose stream sends SLOW_WORDS words, one every few milliseconds (to leave early). */
export const SLOW_MODEL = "slow";
const SLOW_WORDS = 200;

/** A running server: its base URL (for `configuration.baseURL`), the requests it got, and `close()`. */
export interface OpenAICompatibleServer {
  readonly baseURL: string;
  readonly requests: Record<string, unknown>[];
  /** When each stream wrote its first content chunk (epoch ms), in order. */
  readonly firstContentAt: number[];
  close(): Promise<void>;
}

/**
 * A minimal OpenAI-compatible server on a random local port: `POST /v1/chat/completions` answers
 * `"<reply to: last user message>"` as JSON, or as server-sent events when `stream` is set (with a
 * final usage chunk when `stream_options.include_usage` is set).
 */
export async function startOpenAICompatibleServer(): Promise<OpenAICompatibleServer> {
  const requests: Record<string, unknown>[] = [];
  const firstContentAt: number[] = [];
  const server: Server = createServer((req, res) => {
    void handle(req, res, requests, firstContentAt).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    firstContentAt,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, requests: Record<string, unknown>[], firstContentAt: number[]): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
    sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
    return;
  }
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  requests.push(body);
  const model = String(body.model);
  if (model === FAILING_MODEL) {
    sendJson(res, 400, { error: { message: "model fail-model is not available", type: "invalid_request_error" } });
    return;
  }
  const reply = model === SLOW_MODEL ? Array.from({ length: SLOW_WORDS }, (_, i) => `w${i} `).join("") : `reply to: ${lastUserText(body.messages)}`;
  if (body.stream === true) {
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    await sendStream(res, model, reply, includeUsage, firstContentAt);
    return;
  }
  sendJson(res, 200, {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: respondingModel(model),
    choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop" }],
    usage: FAKE_USAGE,
  });
}

async function sendStream(res: ServerResponse, model: string, reply: string, includeUsage: boolean, firstContentAt: number[]): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const base = { id: "chatcmpl-test", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: respondingModel(model) };
  const write = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  write({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
  if (model === LATE_CONTENT_MODEL) await new Promise((resolve) => setTimeout(resolve, LATE_CONTENT_DELAY_MS));
  let first = true;
  for (const word of reply.split(/(?<= )/)) {
    if (res.destroyed) return;
    if (first) firstContentAt.push(Date.now());
    first = false;
    await new Promise((resolve) => setTimeout(resolve, 2));
    write({ ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] });
  }
  write({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
  if (includeUsage) write({ ...base, choices: [], usage: FAKE_USAGE });
  res.end("data: [DONE]\n\n");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return "";
  const users = messages.filter((m): m is { role: string; content: unknown } => typeof m === "object" && m !== null && (m as { role?: unknown }).role === "user");
  const content = users.at(-1)?.content;
  return typeof content === "string" ? content : JSON.stringify(content ?? "");
}
