/**
 * Reads an OTLP/HTTP success answer: a 2xx may still carry `partialSuccess` (an
 * `ExportTraceServiceResponse` in the request's encoding), whose `rejectedSpans` the server did not
 * keep. Those are counted as dropped, not exported; which spans they were, OTLP does not say.
 *
 * @module
 */
import type { HttpOutcome } from "../http/http-transport";
import { interpretResponse, MAX_SERVER_MESSAGE_CHARS } from "../http/interpret-response";
import type { SendResult } from "../http/send-result";

/** What a partial success reports. */
interface PartialSuccess {
  readonly rejected: number;
  readonly message: string;
}

/** Maps an OTLP/HTTP outcome to a result, reading `partialSuccess` from a 2xx body. */
export function interpretOtlpResponse(outcome: HttpOutcome, nowMs: number): SendResult {
  const whole = interpretResponse(outcome, nowMs);
  if (!("ok" in whole) || !("response" in outcome)) return whole;
  const partial = readPartialSuccess(outcome.response.raw, outcome.response.headers["content-type"]);
  if (partial === undefined || partial.rejected <= 0) return whole;
  return { ok: true, rejectedCount: partial.rejected, message: partial.message };
}

function readPartialSuccess(body: Buffer, contentType: string | string[] | undefined): PartialSuccess | undefined {
  if (body.length === 0) return undefined;
  const type = String(contentType ?? "");
  try {
    return type.includes("protobuf") ? fromProtobuf(body) : fromJson(body.toString("utf8"));
  } catch {
    // A body we cannot read is a plain success: the status said so.
    return undefined;
  }
}

function fromJson(text: string): PartialSuccess | undefined {
  const parsed = JSON.parse(text) as { partialSuccess?: { rejectedSpans?: unknown; errorMessage?: unknown } };
  const partial = parsed.partialSuccess;
  if (typeof partial !== "object" || partial === null) return undefined;
  // int64 fields are strings in OTLP/JSON; numbers are tolerated.
  const rejected = Number(partial.rejectedSpans ?? 0);
  return { rejected: Number.isFinite(rejected) ? rejected : 0, message: shorten(typeof partial.errorMessage === "string" ? partial.errorMessage : "") };
}

/** `ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1 { int64 rejected_spans = 1; string error_message = 2; } }` */
function fromProtobuf(bytes: Buffer): PartialSuccess | undefined {
  const outer = fields(bytes);
  const inner = outer.get(1);
  if (!(inner instanceof Buffer)) return undefined;
  const partial = fields(inner);
  const rejected = partial.get(1);
  const message = partial.get(2);
  return { rejected: typeof rejected === "number" ? rejected : 0, message: shorten(message instanceof Buffer ? message.toString("utf8") : "") };
}

/** The varint and length-delimited fields of a protobuf message by number (the last one wins). */
function fields(bytes: Buffer): Map<number, number | Buffer> {
  const out = new Map<number, number | Buffer>();
  let offset = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[offset++];
      if (byte === undefined) throw new Error("truncated varint");
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (offset < bytes.length) {
    const key = varint();
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) out.set(field, varint());
    else if (wire === 2) {
      const length = varint();
      out.set(field, bytes.subarray(offset, offset + length));
      offset += length;
    } else if (wire === 1) offset += 8;
    else if (wire === 5) offset += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

function shorten(text: string): string {
  return text.length > MAX_SERVER_MESSAGE_CHARS ? `${text.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : text;
}
