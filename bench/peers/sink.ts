/**
 * The loopback sink of the peers benchmark, run as its own process (`node --import tsx
 * bench/peers/sink.ts`): a `node:http` server on 127.0.0.1 (port 0) that accepts
 *
 * - OTLP/HTTP JSON or protobuf, gzip or not, at `/v1/traces` and Langfuse's `/api/public/otel/v1/traces`
 *   (counts spans: occurrences of `"spanId":"` in a JSON body, which parent ids never match; the span
 *   ids of a protobuf body, found by walking its fields);
 * - Langfuse v2/v3 ingestion batches at `/api/public/ingestion` (counts `*-create` events of traces
 *   and observations as delivered observations, and every event; answers 207 with per-event results);
 *
 * and counts requests and bytes on the wire (request bodies as sent, compressed or not). It prints
 * `{"port":N}` on stdout once listening. Control: `GET /stats` returns the counts as JSON,
 * `POST /reset` zeroes them. Every other request gets 404.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

/** What the sink has seen since the last reset. */
export interface SinkStats {
  /** Distinct OTLP span ids plus distinct ids of ingestion `*-create` events (traces and observations). */
  delivered: number;
  /** Spans or create events received again for an id already delivered (resends). */
  duplicates: number;
  /** Ingestion events of any type. */
  events: number;
  requests: number;
  /** Request body bytes as sent (after compression, when compressed). */
  wireBytes: number;
  /** Request body bytes after decompression. */
  jsonBytes: number;
  /** Requests by path. */
  byPath: Record<string, number>;
}

const CREATE_EVENTS = new Set(["trace-create", "span-create", "generation-create", "event-create"]);

let stats: SinkStats = fresh();
let seen = new Set<string>();

function fresh(): SinkStats {
  return { delivered: 0, duplicates: 0, events: 0, requests: 0, wireBytes: 0, jsonBytes: 0, byPath: {} };
}

function deliver(id: string): void {
  if (seen.has(id)) stats.duplicates += 1;
  else {
    seen.add(id);
    stats.delivered += 1;
  }
}

function countSpans(text: string): void {
  for (let at = text.indexOf('"spanId":"'); at !== -1; at = text.indexOf('"spanId":"', at + 10)) deliver(text.slice(at + 10, at + 26));
}

/** Reads a varint at `at`; returns [value, next offset]. */
function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = buf[at++] as number;
    value += (byte & 127) * scale;
    if (byte < 128) return [value, at];
    scale *= 128;
  }
}

/**
 * Calls `visit` with the bytes of every length-delimited field `field` in `buf[start, end)`, skipping
 * the rest: enough protobuf to walk ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span.
 */
function eachField(buf: Buffer, start: number, end: number, field: number, visit: (from: number, to: number) => void): void {
  let at = start;
  while (at < end) {
    const [tag, afterTag] = varint(buf, at);
    const wire = tag & 7;
    at = afterTag;
    if (wire === 0) at = varint(buf, at)[1];
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const [length, from] = varint(buf, at);
      at = from + length;
      if (tag >>> 3 === field) visit(from, at);
    } else throw new Error(`unexpected wire type ${wire}`);
  }
}

/** Counts the span ids of an OTLP protobuf body (fields 1 → 2 → 2 → span_id 2) without decoding the rest. */
function countProtobufSpans(body: Buffer): void {
  eachField(body, 0, body.length, 1, (rsFrom, rsTo) =>
    eachField(body, rsFrom, rsTo, 2, (ssFrom, ssTo) =>
      eachField(body, ssFrom, ssTo, 2, (spanFrom, spanTo) =>
        eachField(body, spanFrom, spanTo, 2, (idFrom, idTo) => deliver(body.toString("hex", idFrom, idTo))),
      ),
    ),
  );
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function ingestion(text: string, res: ServerResponse): void {
  const body = JSON.parse(text) as { batch?: { id?: string; type?: string }[] };
  const batch = body.batch ?? [];
  stats.events += batch.length;
  for (const event of batch) {
    // A resend repeats an event id; an update of a trace is a new `trace-create` event for the same trace.
    const eventKey = `event:${event.id ?? ""}`;
    if (seen.has(eventKey)) {
      stats.duplicates += 1;
      continue;
    }
    seen.add(eventKey);
    const bodyId = (event as { body?: { id?: string } }).body?.id ?? "";
    const key = `${event.type ?? ""}:${bodyId}`;
    if (CREATE_EVENTS.has(event.type ?? "") && !seen.has(key)) {
      seen.add(key);
      stats.delivered += 1;
    }
  }
  res.writeHead(207, { "content-type": "application/json" }).end(JSON.stringify({ successes: batch.map((e) => ({ id: e.id, status: 201 })), errors: [] }));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (req.method === "GET" && path === "/stats") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
    return;
  }
  if (req.method === "POST" && path === "/reset") {
    stats = fresh();
    seen = new Set();
    res.writeHead(204).end();
    return;
  }
  const raw = await readBody(req);
  const json = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
  stats.requests += 1;
  stats.wireBytes += raw.length;
  stats.jsonBytes += json.length;
  stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
  if (path.endsWith("/v1/traces")) {
    if (req.headers["content-type"]?.includes("application/x-protobuf") === true) countProtobufSpans(json);
    else countSpans(json.toString("utf8"));
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  } else if (path === "/api/public/ingestion") {
    ingestion(json.toString("utf8"), res);
  } else {
    res.writeHead(404).end();
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    res.writeHead(400).end(String(error));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
