/**
 * Decodes an OTLP/HTTP request body as the test servers receive it — JSON or protobuf (by
 * `Content-Type`) — into the OTLP/JSON shape, so assertions read both alike: ids as lowercase hex, a
 * root's `parentSpanId` as `""` and an unset status as `{}` (the forms the JSON encoding uses).
 * Protobuf goes through the collector's protobufjs decoder.
 */
import { decodeOtlpProtobuf } from "../../src/dev/otlp/decode-otlp";

/** True when the request's content type is OTLP protobuf. */
export function isProtobuf(contentType: string | undefined): boolean {
  return contentType?.includes("application/x-protobuf") === true;
}

function toJsonShape(value: unknown, key = ""): unknown {
  if (Buffer.isBuffer(value)) return value.toString("hex");
  if (Array.isArray(value)) return value.map((item) => toJsonShape(item));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonShape(v, k);
  if (key === "spans" || "spanId" in out) {
    out.parentSpanId ??= "";
    out.status ??= {};
  }
  return out;
}

/** The decoded body (an object in the OTLP/JSON shape), or throws when it is neither JSON nor protobuf. */
export async function decodeOtlpBody(body: Buffer, contentType: string | undefined): Promise<unknown> {
  if (!isProtobuf(contentType)) return JSON.parse(body.toString("utf8")) as unknown;
  const decoded = await decodeOtlpProtobuf(body);
  if (!decoded.ok) throw new Error(decoded.error);
  return toJsonShape(decoded.value);
}
