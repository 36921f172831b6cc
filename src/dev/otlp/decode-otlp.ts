/**
 * Decodes an OTLP/HTTP trace request body — JSON or protobuf — into the plain OTLP/JSON-shaped object
 * that `otlpToBatch` reads. protobufjs is loaded on the first protobuf request only.
 *
 * @module
 */
import type * as Protobuf from "protobufjs/light.js";
import { EXPORT_TRACE_REQUEST, OTLP_TRACE_DESCRIPTOR } from "./otlp-proto-schema";

/** A decoded body, or why it could not be decoded. */
export type DecodeResult = { ok: true; value: unknown } | { ok: false; error: string };

let requestType: Promise<Protobuf.Type> | undefined;

async function loadRequestType(): Promise<Protobuf.Type> {
  const mod = (await import("protobufjs/light.js")) as unknown as { default?: typeof Protobuf } & typeof Protobuf;
  const protobuf = mod.default ?? mod;
  return protobuf.Root.fromJSON(OTLP_TRACE_DESCRIPTOR as unknown as Protobuf.INamespace).lookupType(EXPORT_TRACE_REQUEST);
}

/** Parses an OTLP/JSON body. */
export function decodeOtlpJson(body: Buffer): DecodeResult {
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) as unknown };
  } catch (error) {
    return { ok: false, error: `invalid JSON: ${(error as Error).message}` };
  }
}

/** Decodes an OTLP protobuf body; ids stay bytes, 64-bit integers become decimal strings. */
export async function decodeOtlpProtobuf(body: Buffer): Promise<DecodeResult> {
  requestType ??= loadRequestType();
  const type = await requestType;
  try {
    const message = type.decode(body);
    return { ok: true, value: type.toObject(message, { longs: String, enums: Number, bytes: Buffer, defaults: false, arrays: false }) };
  } catch (error) {
    return { ok: false, error: `invalid protobuf: ${(error as Error).message}` };
  }
}
