/**
 * The undici transport shared by the HTTP exporters: a keep-alive dispatcher of its own (so our
 * requests never go through the application's global dispatcher or anything instrumenting it), a
 * per-request timeout, a bounded response read, and sockets that never hold a finished app open.
 * Bodies arrive in their wire form (compressed by the sender).
 *
 * @module
 */
import type { Socket } from "node:net";
import { Agent, buildConnector, request, type Dispatcher } from "undici";
import { externalContext } from "../../core/external-context";

/** How a body is encoded on the wire. */
export type ContentEncoding = "gzip" | "identity";

/** Never read more than this much of a response body (the 207 of a 3.5 MB batch is well below it). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Idle keep-alive sockets are closed after this long. */
export const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/** What a transport request needs. */
export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as it goes on the wire (text, or bytes), already encoded as `contentEncoding` says. */
  readonly body: string | Buffer;
  /** How `body` is encoded; `gzip` sets `Content-Encoding: gzip`. @default "identity" */
  readonly contentEncoding?: ContentEncoding;
  readonly timeoutMs: number;
}

/** A response, read in full up to {@link MAX_RESPONSE_BYTES}. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as UTF-8 text. */
  readonly body: string;
  /** The body as bytes (an OTLP protobuf answer). */
  readonly raw: Buffer;
}

/** A transport outcome: a response, or the error that prevented one. Never thrown. */
export type HttpOutcome = { readonly response: HttpResponse } | { readonly error: unknown };

/** Options of {@link HttpTransport}. */
export interface HttpTransportOptions {
  /**
   * The undici dispatcher to send through (tests inject one). When omitted, the transport creates a
   * keep-alive `Agent` with `connections` sockets per origin and closes it on {@link HttpTransport.close}.
   * @default a private `undici.Agent`
   */
  readonly dispatcher?: Dispatcher;
  /**
   * Sockets per origin of the default agent; match it to the cap on requests in flight.
   * @default 4
   */
  readonly connections?: number;
}

/** Sends requests through one keep-alive dispatcher. */
export class HttpTransport {
  private readonly dispatcher: Dispatcher;
  private readonly owned: boolean;
  /** Aborts every request in flight when the transport is closed by force (shutdown past its deadline). */
  private readonly aborter = new AbortController();

  /** @param options - see {@link HttpTransportOptions}. */
  constructor(options: HttpTransportOptions = {}) {
    this.owned = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connections: options.connections ?? 4,
        keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
        pipelining: 1,
        connect: unrefConnector(),
      });
  }

  /** Sends one POST; resolves with the response or the error, never rejects. */
  async send(req: HttpRequest): Promise<HttpOutcome> {
    try {
      const headers: Record<string, string> = { ...req.headers };
      headers["content-type"] ??= "application/json";
      if (req.contentEncoding === "gzip") headers["content-encoding"] = "gzip";
      // Our own requests are never traced: not by an OpenTelemetry instrumentation of undici either.
      const send = () => request(req.url, {
        method: "POST",
        headers,
        body: req.body,
        dispatcher: this.dispatcher,
        signal: AbortSignal.any([AbortSignal.timeout(req.timeoutMs), this.aborter.signal]),
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const external = externalContext();
      const res = await (external === undefined ? send() : external.untraced(send));
      const raw = await readBounded(res.body, MAX_RESPONSE_BYTES);
      return { response: { status: res.statusCode, headers: res.headers, body: raw.toString("utf8"), raw } };
    } catch (error) {
      return { error };
    }
  }

  /**
   * Closes the dispatcher when this transport created it: gracefully, or at once when `force`, which
   * also aborts every request in flight (on an injected dispatcher too).
   */
  async close(force = false): Promise<void> {
    if (force) this.aborter.abort();
    if (!this.owned) return;
    try {
      if (force) await this.dispatcher.destroy();
      else await this.dispatcher.close();
    } catch {
      // Closing twice, or closing a dispatcher that already failed, is not our user's problem.
    }
  }
}

/** Reads a response body, keeping at most `limit` bytes and discarding the rest. */
async function readBounded(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size >= limit) continue;
    const room = limit - size;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    chunks.push(part);
    size += part.length;
  }
  return Buffer.concat(chunks);
}

/**
 * A connector whose sockets never hold the process open: an in-flight telemetry request must not keep
 * a finished app alive (a hanging backend did, for minutes). undici refs a socket while it has
 * requests, so `ref` is made a no-op; an awaited `flush()`/`shutdown()` or the exit flush holds the
 * process with a timer of its own instead, for as long as it is allowed to.
 */
function unrefConnector(): buildConnector.connector {
  const connect = buildConnector({});
  return (options, callback) => {
    const socket = connect(options, callback) as Socket | undefined;
    if (socket !== undefined) {
      socket.unref();
      socket.ref = () => socket;
    }
    return socket as ReturnType<buildConnector.connector>;
  };
}
