/**
 * Request bodies in their wire form: compressed once per batch, before the first attempt, and kept in
 * that form for retries.
 *
 * Keeping the compressed bytes instead of the body is what bounds a large flush's memory: a body
 * (up to `maxBatchBytes`) lives only while gzip reads it, a few milliseconds on the libuv pool, so it
 * dies young; kept for the whole round trip it outlived minor GCs, was promoted and, with dozens of
 * batches per flush, piled up as old-space garbage until the next major GC. The compressed bytes are a
 * fraction of the size, and a retry no longer compresses the same body again.
 *
 * @module
 */
import { gunzipSync, gzip } from "node:zlib";

/** How a wire body is encoded: gzip-compressed or as is. */
export type ContentEncoding = "gzip" | "identity";

/**
 * zlib level for request bodies. Level 1 instead of the default 6: measured with
 * `npx tsx bench/export-throughput/throughput-bench.ts`, it cut CPU per exported observation from
 * 18.7 to 13 µs (throughput 65k → 79k observations/s) for 61 instead of 45 bytes per observation on
 * the wire (raw JSON: 1,285). Telemetry should spend the host's CPU sparingly; a few bytes are cheap.
 */
export const GZIP_LEVEL = 1;

/**
 * zlib's output chunk for request bodies: 64 KiB instead of 16 KiB, so a batch's compressed body (about
 * 20 KB for 512 observations) comes back from the libuv pool in one round trip rather than two or
 * more. Measured with a scratch script alternating both settings on a 290 KB protobuf body of 512
 * observations, 200 bodies per run, three runs: the main thread's busy time per body was 0.17–0.36 ms
 * with 16 KiB and 0.16–0.26 ms with 64 KiB, lower in every pair.
 */
export const GZIP_CHUNK_BYTES = 64 * 1024;

/** Compresses `body` off the main thread (zlib runs on the libuv pool). */
export function gzipAsync(body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gzip(body, { level: GZIP_LEVEL, chunkSize: GZIP_CHUNK_BYTES }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** The wire form of `body` in `encoding`; `identity` returns `body` itself, synchronously. */
export function toWire(body: Buffer, encoding: ContentEncoding): Buffer | Promise<Buffer> {
  return encoding === "gzip" ? gzipAsync(body) : body;
}

/**
 * The body back from its wire form. Synchronous: only a 413 split or a per-item retry needs it, both
 * rare, and a body is at most `maxBatchBytes`.
 */
export function fromWire(wire: Buffer, encoding: ContentEncoding): Buffer {
  return encoding === "gzip" ? gunzipSync(wire) : wire;
}
