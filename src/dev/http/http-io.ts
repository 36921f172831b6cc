/**
 * Reading request bodies (bounded, gunzipped) and writing responses, for the collector's routes.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";

const gunzipAsync = promisify(gunzip);

/** Largest request body accepted, compressed or not (bytes). Langfuse logs bodies over 16 MB. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Largest body after gunzip (bytes): a bound against compression bombs. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** An error answered with its status and a JSON `{ error }` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Reads the whole body, refusing it past {@link MAX_BODY_BYTES}; gunzips it when `Content-Encoding` says gzip. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw new HttpError(413, `request body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const encoding = (req.headers["content-encoding"] ?? "").toLowerCase().trim();
  if (encoding === "" || encoding === "identity") return body;
  if (!encoding.includes("gzip")) throw new HttpError(400, `unsupported Content-Encoding '${encoding}' (send gzip or none)`);
  try {
    return await gunzipAsync(body, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
  } catch (error) {
    throw new HttpError(400, `gunzip failed: ${(error as Error).message}`);
  }
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(body);
}

/** Sends a static asset with a content type. */
export function sendAsset(res: ServerResponse, contentType: string, body: string, method: string): void {
  res.writeHead(200, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  });
  res.end(method === "HEAD" ? undefined : body);
}

/** Sends an error as `{ error }`. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}
