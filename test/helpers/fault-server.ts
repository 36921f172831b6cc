/**
 * A real loopback HTTP server (port 0) that plays a backend with injected faults: accept, 500, 429 with
 * `Retry-After`, stall past the client's timeout, reset the connection, go down and come back on the
 * same port, 207 with mixed per-event results, 413. It decodes gzip, JSON and OTLP protobuf bodies and records every request,
 * so tests can check exactly-once delivery by id. A request counts as delivered only when the server
 * acknowledged it (2xx; for a 207, only the events listed as successes).
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gunzipSync } from "node:zlib";
import { decodeOtlpBody } from "./otlp-body";

/** One scripted answer. Requests with no scripted fault left are accepted. */
export type Fault =
  | { readonly kind: "accept" }
  | { readonly kind: "status"; readonly status: number; readonly body?: string; readonly retryAfter?: string }
  | { readonly kind: "stall" }
  | { readonly kind: "reset" }
  | { readonly kind: "delay"; readonly ms: number };

/** Shorthands for {@link Fault}s. */
export const faults = {
  accept: { kind: "accept" } as Fault,
  status: (status: number, body?: string): Fault => ({ kind: "status", status, ...(body === undefined ? {} : { body }) }),
  tooMany: (retryAfter: string): Fault => ({ kind: "status", status: 429, retryAfter, body: '{"message":"rate limited"}' }),
  stall: { kind: "stall" } as Fault,
  reset: { kind: "reset" } as Fault,
  /** Accepts, but only after `ms` (the request stays in flight meanwhile). */
  delay: (ms: number): Fault => ({ kind: "delay", ms }),
};

/** What the server saw of one request. */
export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  /** Raw body length as sent (compressed when gzip). */
  readonly wireBytes: number;
  /** Decoded body length. */
  readonly bytes: number;
  readonly body: unknown;
  /** Span ids (OTLP) or event ids (ingestion) in the body. */
  readonly ids: readonly string[];
  /** What the server did: an HTTP status, `stall` or `reset`. */
  outcome: number | "stall" | "reset";
  /** Ids acknowledged by this request's answer. */
  accepted: readonly string[];
  /** When the request arrived (epoch ms, `Date.now()`). */
  readonly receivedAt: number;
}

/** Options of {@link FaultServer.start}. */
export interface FaultServerOptions {
  /** Decoded bodies above this many bytes are answered 413. @default Infinity */
  readonly maxBodyBytes?: number;
  /**
   * Ingestion mode (`/api/public/ingestion` paths): the per-event status of a 207; 2xx is a success.
   * @default every event 201
   */
  readonly eventStatus?: (event: { id: string; type: string; body: { id?: string } }, seenBefore: number) => number;
}

/** Extracts ids from a decoded OTLP or ingestion body. */
export function idsOf(body: unknown): string[] {
  const record = body as { resourceSpans?: { scopeSpans?: { spans?: { spanId: string }[] }[] }[]; batch?: { id: string }[] };
  if (Array.isArray(record.batch)) return record.batch.map((event) => event.id);
  const ids: string[] = [];
  for (const rs of record.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const span of ss.spans ?? []) ids.push(span.spanId);
  return ids;
}

/** The fault-injecting server. */
export class FaultServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly script: Fault[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly eventSeen = new Map<string, number>();
  private server: Server;
  private port = 0;

  private constructor(private readonly options: FaultServerOptions) {
    this.server = this.create();
  }

  /** Starts a server on a free loopback port. */
  static async start(options: FaultServerOptions = {}): Promise<FaultServer> {
    const server = new FaultServer(options);
    await server.listen(0);
    return server;
  }

  /** `http://127.0.0.1:<port>`. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Scripts the next answers, in order. */
  plan(...next: Fault[]): void {
    this.script.push(...next);
  }

  /** Every acknowledged id, once per acknowledgement (duplicates would show up twice). */
  acceptedIds(): string[] {
    return this.requests.flatMap((request) => request.accepted);
  }

  /** Ids of acknowledged ingestion events by body: `<type>:<body.id>`, once per acknowledgement. */
  acceptedEventBodies(): string[] {
    const out: string[] = [];
    for (const request of this.requests) {
      const accepted = new Set(request.accepted);
      const batch = (request.body as { batch?: { id: string; type: string; body: { id?: string } }[] }).batch ?? [];
      for (const event of batch) if (accepted.has(event.id)) out.push(`${event.type}:${event.body.id ?? ""}`);
    }
    return out;
  }

  /** True when an id was sent again after the server had acknowledged it. */
  resentAfterAck(): string[] {
    const acked = new Set<string>();
    const resent: string[] = [];
    for (const request of this.requests) {
      for (const id of request.ids) if (acked.has(id)) resent.push(id);
      for (const id of request.accepted) acked.add(id);
    }
    return resent;
  }

  /** Stops listening and cuts every connection (the backend goes down). */
  async down(): Promise<void> {
    const closed = once(this.server, "close");
    this.server.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Listens again on the same port (the backend comes back). */
  async up(): Promise<void> {
    this.server = this.create();
    await this.listen(this.port);
  }

  /** Shuts the server down for good. */
  async close(): Promise<void> {
    if (this.server.listening) await this.down();
  }

  /** Polls `predicate` every 10 ms until it holds; rejects after `timeoutMs` with `what`. */
  async waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private create(): Server {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    return server;
  }

  private async listen(port: number): Promise<void> {
    this.server.listen(port, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as AddressInfo).port;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const decoded = req.headers["content-encoding"]?.includes("gzip") ? gunzipSync(raw) : raw;
    let body: unknown = {};
    try {
      body = await decodeOtlpBody(decoded, req.headers["content-type"]);
    } catch {
      body = { unparseable: decoded.toString("utf8").slice(0, 200) };
    }
    const request: ReceivedRequest = {
      path: req.url ?? "",
      headers: req.headers,
      wireBytes: raw.length,
      bytes: decoded.length,
      body,
      ids: idsOf(body),
      outcome: 200,
      accepted: [],
      receivedAt,
    };
    this.requests.push(request);
    const fault = this.script.shift() ?? faults.accept;
    if (fault.kind === "stall") {
      request.outcome = "stall";
      return;
    }
    if (fault.kind === "reset") {
      request.outcome = "reset";
      req.socket.resetAndDestroy();
      return;
    }
    if (fault.kind === "status") {
      request.outcome = fault.status;
      if (fault.retryAfter !== undefined) res.setHeader("retry-after", fault.retryAfter);
      res.writeHead(fault.status, { "content-type": "application/json" }).end(fault.body ?? '{"message":"injected fault"}');
      return;
    }
    if (fault.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (decoded.length > (this.options.maxBodyBytes ?? Number.POSITIVE_INFINITY)) {
      request.outcome = 413;
      res.writeHead(413, { "content-type": "application/json" }).end('{"message":"payload too large"}');
      return;
    }
    if (Array.isArray((body as { batch?: unknown }).batch)) return this.answer207(request, res);
    request.accepted = request.ids;
    res.writeHead(200, { "content-type": "application/json" }).end('{"id":"job-1","name":"otel-ingestion"}');
  }

  private answer207(request: ReceivedRequest, res: ServerResponse): void {
    const batch = (request.body as { batch: { id: string; type: string; body: { id?: string } }[] }).batch;
    const successes: { id: string; status: number }[] = [];
    const errors: { id: string; status: number; message: string; error: string }[] = [];
    for (const event of batch) {
      const seen = this.eventSeen.get(event.id) ?? 0;
      this.eventSeen.set(event.id, seen + 1);
      const status = this.options.eventStatus?.(event, seen) ?? 201;
      if (status < 300) successes.push({ id: event.id, status });
      else errors.push({ id: event.id, status, message: `injected ${status}`, error: `event ${event.type} refused` });
    }
    request.outcome = 207;
    request.accepted = successes.map((s) => s.id);
    res.writeHead(207, { "content-type": "application/json" }).end(JSON.stringify({ successes, errors }));
  }
}
