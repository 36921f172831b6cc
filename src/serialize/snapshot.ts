import { types } from "node:util";
import { DEFAULT_SNAPSHOT_LIMITS, MARKERS, type SnapshotLimits } from "./snapshot-limits";

/**
 * Copies any value into a bounded, JSON-safe tree, at the moment of capture, and never throws.
 *
 * Why not a library: `safe-stable-stringify` and friends produce strings at export time, but a record
 * must not change when the caller mutates an argument after the call, and hostile objects (throwing
 * getters, `toJSON` or Proxy traps) must be contained per property rather than failing the whole
 * value. So capture makes a plain copy here, once; exporters then encode it with `JSON.stringify`.
 *
 * Rules: circular references → `"[Circular]"`; BigInt → `"123n"`; `Error` → `{ name, message,
 * stack, cause, …own fields }`; Date → ISO string; Map → object (or `[key, value]` pairs when keys are
 * not primitives); Set → array; Buffers, typed arrays, ArrayBuffer, DataView → a summary such as
 * `"[Buffer 1024 bytes]"`; functions → `"[Function name]"`; symbols → `"Symbol(x)"`; NaN and
 * ±Infinity → strings; a property whose read throws → `"[Thrown: message]"`; class instances → their
 * own enumerable fields. Strings, arrays and objects past the byte budget are cut with a marker.
 */
export function snapshot(value: unknown, limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS): unknown {
  // The walk keeps its state in module variables (see below); a getter or `toJSON` run by the walk may
  // itself snapshot (an observed call inside a getter), so the outer walk's state is saved here and
  // restored however the inner one ends.
  const outerBudget = budget;
  const outerMaxDepth = maxDepth;
  const outerBase = base;
  budget = limits.maxBytes;
  maxDepth = limits.maxDepth;
  base = top;
  try {
    return walk(value, 0);
  } catch (error) {
    return MARKERS.thrown(errorText(error));
  } finally {
    while (top > base) ancestors[--top] = undefined;
    budget = outerBudget;
    maxDepth = outerMaxDepth;
    base = outerBase;
  }
}

/*
 * Walk state, in module variables rather than a per-call object: capture runs several times per
 * traced call, and a state object, an ancestors array and its backing store were most of a small
 * value's snapshot cost (the copy itself is one object). Only `snapshot()` sets them.
 */
/** Bytes (UTF-16 code units, approximately) left for the current walk. */
let budget = 0;
/** Depth cap of the current walk. */
let maxDepth = 0;
/** The objects being walked, the current value's ancestors, in `ancestors[base..top)`. */
const ancestors: (object | undefined)[] = [];
/** First ancestor slot of the current walk (a nested walk starts above its caller's ancestors). */
let base = 0;
/** One past the last ancestor slot in use. */
let top = 0;

function walk(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case "string":
      return clipString(value);
    case "number":
      budget -= 8;
      return Number.isFinite(value) ? value : String(value);
    case "boolean":
      budget -= 5;
      return value;
    case "undefined":
      return undefined;
    case "bigint":
      return clipString(`${value.toString()}n`);
    case "symbol":
      return clipString(value.toString());
    case "function":
      return clipString(`[Function ${functionName(value as (...args: never[]) => unknown)}]`);
    default:
      return value === null ? null : walkObject(value as object, depth);
  }
}

/** True when `value` is an ancestor of the value being walked: only ancestors make a cycle. */
function isAncestor(value: object): boolean {
  for (let i = base; i < top; i++) if (ancestors[i] === value) return true;
  return false;
}

function walkObject(value: object, depth: number): unknown {
  if (isAncestor(value)) return MARKERS.circular;
  if (depth >= maxDepth) return MARKERS.maxDepth;
  ancestors[top++] = value;
  try {
    // Every check below may run a Proxy trap that throws: the catch contains it to this value.
    // Fast path for what capture mostly sees, plain objects and arrays: one prototype read instead
    // of the chain of `instanceof` checks below (they would all be false).
    const proto: unknown = Object.getPrototypeOf(value);
    if ((proto === Object.prototype || proto === null || proto === Array.prototype) && typeof (value as { toJSON?: unknown }).toJSON !== "function") {
      return Array.isArray(value) ? walkArray(value, depth) : walkEntries(value, Object.keys(value), depth);
    }
    const leaf = leafOf(value);
    if (leaf !== undefined) return clipString(leaf);
    if (value instanceof Error) return walkError(value, depth);
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") return walkToJson(value, depth);
    if (Array.isArray(value)) return walkArray(value, depth);
    if (value instanceof Map) return walkMap(value, depth);
    if (value instanceof Set) return walkArray([...value], depth);
    return walkEntries(value, Object.keys(value), depth);
  } catch (error) {
    return clipString(MARKERS.thrown(errorText(error)));
  } finally {
    // A value repeated in sibling branches is not a cycle: leaving it ends its ancestry. Cleared, so
    // the walk keeps no reference to user objects once it is done.
    ancestors[--top] = undefined;
  }
}

/** Values summarized as one string instead of walked. */
function leafOf(value: object): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (types.isAnyArrayBuffer(value)) return `[${Object.prototype.toString.call(value).slice(8, -1)} ${value.byteLength} bytes]`;
  if (value instanceof RegExp) return value.toString();
  if (types.isPromise(value)) return "[Promise]";
  if (value instanceof WeakMap || value instanceof WeakSet || value instanceof WeakRef) return `[${value.constructor.name}]`;
  return undefined;
}

function walkArray(items: readonly unknown[], depth: number): unknown[] {
  const out: unknown[] = [];
  budget -= 2;
  for (let i = 0; i < items.length; i++) {
    if (budget <= 0) {
      out.push(MARKERS.truncatedItems(items.length - i));
      break;
    }
    let item: unknown;
    try {
      item = items[i];
    } catch (error) {
      item = MARKERS.thrown(errorText(error));
    }
    const copy = walk(item, depth + 1);
    out.push(copy === undefined ? null : copy);
    budget -= 1;
  }
  return out;
}

function walkEntries(source: object, keys: readonly string[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  budget -= 2;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (budget <= 0) {
      out["…"] = MARKERS.truncatedKeys(keys.length - i);
      break;
    }
    let item: unknown;
    try {
      item = (source as Record<string, unknown>)[key];
    } catch (error) {
      item = MARKERS.thrown(errorText(error));
    }
    const copy = walk(item, depth + 1);
    if (copy !== undefined) {
      out[key] = copy;
      budget -= key.length + 4;
    }
  }
  return out;
}

function walkMap(map: Map<unknown, unknown>, depth: number): unknown {
  const entries = [...map.entries()];
  const primitiveKeys = entries.every(([k]) => typeof k === "string" || typeof k === "number" || typeof k === "boolean");
  if (!primitiveKeys) return walkArray(entries, depth);
  const asObject: Record<string, unknown> = {};
  for (const [k, v] of entries) asObject[String(k)] = v;
  return walkEntries(asObject, Object.keys(asObject), depth);
}

function walkError(error: Error, depth: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: readSafely(() => error.name),
    message: readSafely(() => error.message),
    stack: readSafely(() => error.stack),
  };
  const cause = readSafely(() => error.cause);
  if (cause !== undefined) fields.cause = cause;
  for (const key of Object.keys(error)) if (!(key in fields)) fields[key] = readSafely(() => (error as unknown as Record<string, unknown>)[key]);
  return walkEntries(fields, Object.keys(fields), depth);
}

function walkToJson(value: object, depth: number): unknown {
  let json: unknown;
  try {
    json = (value as { toJSON: () => unknown }).toJSON();
  } catch (error) {
    return MARKERS.thrown(`toJSON: ${errorText(error)}`);
  }
  // toJSON returning the object itself (or another object) must not recurse forever.
  if (json === value) return walkEntries(value, Object.keys(value), depth);
  return walk(json, depth);
}

function clipString(text: string): string {
  const room = Math.max(0, budget);
  budget -= text.length + 2;
  if (text.length <= room) return text;
  return text.slice(0, room) + MARKERS.truncated(text.length - room);
}

function readSafely(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return MARKERS.thrown(errorText(error));
  }
}

function functionName(fn: (...args: never[]) => unknown): string {
  try {
    return fn.name || "anonymous";
  } catch {
    return "anonymous";
  }
}

/** A short text for a thrown value that is itself safe against hostile errors. */
export function errorText(error: unknown): string {
  try {
    if (error instanceof Error) return error.message;
    return String(error);
  } catch {
    return "unprintable";
  }
}
