/**
 * Defensive conversion of OTLP wire values — as OTLP/JSON sends them or as protobufjs decodes them —
 * into plain JavaScript values: attribute values, ids and nanosecond timestamps.
 *
 * OTLP/JSON uses lowerCamelCase field names, hex ids and decimal-string int64s; the proto3 JSON
 * mapping also lets parsers accept the original snake_case names, base64 bytes and numbers, so every
 * form is accepted here.
 *
 * @module
 */

/** A converted attribute value. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

/** Reads `obj[camel]`, falling back to the proto field name `obj[snake]`. */
export function field(obj: unknown, camel: string, snake?: string): unknown {
  if (obj === null || typeof obj !== "object") return undefined;
  const record = obj as Record<string, unknown>;
  const value = record[camel];
  return value !== undefined || snake === undefined ? value : record[snake];
}

/** Converts an int64 in any of its encodings (number, decimal string, `{high, low}` Long) to a bigint. */
export function toBigInt(value: unknown): bigint | undefined {
  try {
    if (typeof value === "bigint") return value;
    if (typeof value === "number" && Number.isFinite(value)) return BigInt(Math.trunc(value));
    if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return BigInt(value.trim());
    const high = field(value, "high");
    const low = field(value, "low");
    if (typeof high === "number" && typeof low === "number") {
      return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Unix nanoseconds (any encoding) → unix milliseconds with microsecond precision; 0 or invalid → undefined. */
export function nanosToMs(value: unknown): number | undefined {
  const nanos = toBigInt(value);
  if (nanos === undefined || nanos <= 0n) return undefined;
  return Number(nanos / 1000n) / 1000;
}

/** Converts an OTLP `AnyValue` to a plain value; unknown shapes become `null`. */
export function anyValue(value: unknown, depth = 0): AttributeValue {
  if (value === null || typeof value !== "object" || depth > 32) return null;
  const str = field(value, "stringValue", "string_value");
  if (typeof str === "string") return str;
  const dbl = field(value, "doubleValue", "double_value");
  if (typeof dbl === "number") return dbl;
  if (typeof dbl === "string") return Number.isNaN(Number(dbl)) ? dbl : Number(dbl);
  const bool = field(value, "boolValue", "bool_value");
  if (typeof bool === "boolean") return bool;
  const int = field(value, "intValue", "int_value");
  if (int !== undefined && int !== null) {
    const big = toBigInt(int);
    if (big === undefined) return null;
    return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString();
  }
  const array = field(value, "arrayValue", "array_value");
  if (array !== undefined) {
    const values = field(array, "values");
    return Array.isArray(values) ? values.map((v) => anyValue(v, depth + 1)) : [];
  }
  const kvlist = field(value, "kvlistValue", "kvlist_value");
  if (kvlist !== undefined) return keyValues(field(kvlist, "values"), depth + 1);
  const bytes = field(value, "bytesValue", "bytes_value");
  if (bytes instanceof Uint8Array) return Buffer.from(bytes).toString("base64");
  if (typeof bytes === "string") return bytes;
  return null;
}

/** Converts a list of OTLP `KeyValue`s to an object; entries without a string key are skipped. */
export function keyValues(list: unknown, depth = 0): { [key: string]: AttributeValue } {
  const out: { [key: string]: AttributeValue } = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    const key = field(kv, "key");
    if (typeof key === "string" && key !== "") out[key] = anyValue(field(kv, "value"), depth);
  }
  return out;
}

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Converts a trace or span id to lowercase hex. Bytes are hex-encoded; a hex string of the right
 * length is lowercased; a base64 string that decodes to the right length (proto3 JSON's bytes form) is
 * re-encoded; any other non-empty string is kept verbatim, as Langfuse does. Empty → undefined.
 */
export function toId(value: unknown, byteLength: number): string | undefined {
  if (value instanceof Uint8Array) {
    return value.length === 0 ? undefined : Buffer.from(value).toString("hex");
  }
  if (typeof value !== "string" || value === "") return undefined;
  if (value.length === byteLength * 2 && HEX.test(value)) return value.toLowerCase();
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const decoded = Buffer.from(value, "base64");
    if (decoded.length === byteLength) return decoded.toString("hex");
  }
  return value;
}
