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
  const state: WalkState = { budget: limits.maxBytes, maxDepth: limits.maxDepth, seen: [] };
  try {
    return walk(value, 0, state);
  } catch (error) {
    return MARKERS.thrown(errorText(error));
  }
}

interface WalkState {
  budget: number;
  readonly maxDepth: number;
  /** The objects being walked: the current value's ancestors (at most `maxDepth`, so a list is cheaper than a Set). */
  readonly seen: object[];
}

function walk(value: unknown, depth: number, state: WalkState): unknown {
  switch (typeof value) {
    case "string":
      return clipString(value, state);
    case "number":
      state.budget -= 8;
      return Number.isFinite(value) ? value : String(value);
    case "boolean":
      state.budget -= 5;
      return value;
    case "undefined":
      return undefined;
    case "bigint":
      return clipString(`${value.toString()}n`, state);
    case "symbol":
      return clipString(value.toString(), state);
    case "function":
      return clipString(`[Function ${functionName(value as (...args: never[]) => unknown)}]`, state);
    default:
      return value === null ? null : walkObject(value as object, depth, state);
  }
}

function walkObject(value: object, depth: number, state: WalkState): unknown {
  if (state.seen.includes(value)) return MARKERS.circular;
  if (depth >= state.maxDepth) return MARKERS.maxDepth;
  state.seen.push(value);
  try {
    // Every check below may run a Proxy trap that throws: the catch contains it to this value.
    // Fast path for what capture mostly sees, plain objects and arrays: one prototype read instead
    // of the chain of `instanceof` checks below (they would all be false).
    const proto: unknown = Object.getPrototypeOf(value);
    if ((proto === Object.prototype || proto === null || proto === Array.prototype) && typeof (value as { toJSON?: unknown }).toJSON !== "function") {
      return Array.isArray(value) ? walkArray(value, depth, state) : walkEntries(value, Object.keys(value), depth, state);
    }
    const leaf = leafOf(value);
    if (leaf !== undefined) return clipString(leaf, state);
    if (value instanceof Error) return walkError(value, depth, state);
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") return walkToJson(value, depth, state);
    if (Array.isArray(value)) return walkArray(value, depth, state);
    if (value instanceof Map) return walkMap(value, depth, state);
    if (value instanceof Set) return walkArray([...value], depth, state);
    return walkEntries(value, Object.keys(value), depth, state);
  } catch (error) {
    return clipString(MARKERS.thrown(errorText(error)), state);
  } finally {
    // A value repeated in sibling branches is not a cycle: only ancestors count.
    state.seen.pop();
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

function walkArray(items: readonly unknown[], depth: number, state: WalkState): unknown[] {
  const out: unknown[] = [];
  state.budget -= 2;
  for (let i = 0; i < items.length; i++) {
    if (state.budget <= 0) {
      out.push(MARKERS.truncatedItems(items.length - i));
      break;
    }
    let item: unknown;
    try {
      item = items[i];
    } catch (error) {
      item = MARKERS.thrown(errorText(error));
    }
    const copy = walk(item, depth + 1, state);
    out.push(copy === undefined ? null : copy);
    state.budget -= 1;
  }
  return out;
}

function walkEntries(source: object, keys: readonly string[], depth: number, state: WalkState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  state.budget -= 2;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (state.budget <= 0) {
      out["…"] = MARKERS.truncatedKeys(keys.length - i);
      break;
    }
    let item: unknown;
    try {
      item = (source as Record<string, unknown>)[key];
    } catch (error) {
      item = MARKERS.thrown(errorText(error));
    }
    const copy = walk(item, depth + 1, state);
    if (copy !== undefined) {
      out[key] = copy;
      state.budget -= key.length + 4;
    }
  }
  return out;
}

function walkMap(map: Map<unknown, unknown>, depth: number, state: WalkState): unknown {
  const entries = [...map.entries()];
  const primitiveKeys = entries.every(([k]) => typeof k === "string" || typeof k === "number" || typeof k === "boolean");
  if (!primitiveKeys) return walkArray(entries, depth, state);
  const asObject: Record<string, unknown> = {};
  for (const [k, v] of entries) asObject[String(k)] = v;
  return walkEntries(asObject, Object.keys(asObject), depth, state);
}

function walkError(error: Error, depth: number, state: WalkState): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: readSafely(() => error.name),
    message: readSafely(() => error.message),
    stack: readSafely(() => error.stack),
  };
  const cause = readSafely(() => error.cause);
  if (cause !== undefined) fields.cause = cause;
  for (const key of Object.keys(error)) if (!(key in fields)) fields[key] = readSafely(() => (error as unknown as Record<string, unknown>)[key]);
  return walkEntries(fields, Object.keys(fields), depth, state);
}

function walkToJson(value: object, depth: number, state: WalkState): unknown {
  let json: unknown;
  try {
    json = (value as { toJSON: () => unknown }).toJSON();
  } catch (error) {
    return MARKERS.thrown(`toJSON: ${errorText(error)}`);
  }
  // toJSON returning the object itself (or another object) must not recurse forever.
  if (json === value) return walkEntries(value, Object.keys(value), depth, state);
  return walk(json, depth, state);
}

function clipString(text: string, state: WalkState): string {
  const room = Math.max(0, state.budget);
  state.budget -= text.length + 2;
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
