/**
 * OTLP/JSON building blocks: attribute key-values, nanosecond timestamps and JSON text for values.
 * Values are `stringValue`, `intValue` (decimal string), `doubleValue`, `boolValue` or an `arrayValue` of
 * strings; structured values travel as JSON text, never `kvlistValue` (Langfuse would store the wrapper).
 *
 * @module
 */
import { stringify as safeStringify } from "safe-stable-stringify";

/** An OTLP `AnyValue` as Tracewise emits it. */
export type OtlpValue =
  | { readonly stringValue: string }
  | { readonly intValue: string }
  | { readonly doubleValue: number }
  | { readonly boolValue: boolean }
  | { readonly arrayValue: { readonly values: readonly OtlpValue[] } };

/** An OTLP `KeyValue`. */
export interface OtlpAttribute {
  readonly key: string;
  readonly value: OtlpValue;
}

/** A string attribute. */
export function stringAttr(key: string, value: string): OtlpAttribute {
  return { key, value: { stringValue: value } };
}

/** An integer attribute (OTLP/JSON encodes 64-bit integers as decimal strings). */
export function intAttr(key: string, value: number): OtlpAttribute {
  return { key, value: { intValue: String(Math.trunc(value)) } };
}

/** A double attribute; non-finite numbers become strings, which OTLP/JSON cannot carry as numbers. */
export function doubleAttr(key: string, value: number): OtlpAttribute {
  return Number.isFinite(value) ? { key, value: { doubleValue: value } } : stringAttr(key, String(value));
}

/** A boolean attribute. */
export function boolAttr(key: string, value: boolean): OtlpAttribute {
  return { key, value: { boolValue: value } };
}

/** An `arrayValue` of strings. */
export function stringArrayAttr(key: string, values: readonly string[]): OtlpAttribute {
  return { key, value: { arrayValue: { values: values.map((v) => ({ stringValue: String(v) })) } } };
}

/** A number attribute: `intValue` for integers, `doubleValue` otherwise. */
export function numberAttr(key: string, value: number): OtlpAttribute {
  return Number.isInteger(value) ? intAttr(key, value) : doubleAttr(key, value);
}

/**
 * JSON text of a value. Strings are sent verbatim (as the Langfuse SDKs do): JSON text stays JSON
 * text and plain text is not wrapped in quotes.
 */
export function jsonText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    const text = JSON.stringify(value);
    if (typeof text === "string") return text;
  } catch {
    // Records are JSON-safe, but a hostile value must not break the batch: fall back below.
  }
  return safeStringify(value) ?? String(value);
}

const NANO_PAD = ["", "00000", "0000", "000", "00", "0", ""] as const;

/** Unix epoch milliseconds (fractional) as the decimal string of unix nanoseconds OTLP/JSON wants. */
export function msToUnixNano(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "0";
  let whole = Math.floor(ms);
  let nanos = Math.round((ms - whole) * 1e6);
  if (nanos >= 1e6) {
    whole += 1;
    nanos -= 1e6;
  }
  if (whole === 0) return String(nanos);
  // Six digits of nanoseconds within the millisecond, zero-padded (cheaper than `padStart`).
  return `${whole}${nanos >= 100_000 ? "" : NANO_PAD[String(nanos).length]}${nanos}`;
}

/** Unix epoch milliseconds as ISO-8601 with `Z`. */
export function msToIso(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}
