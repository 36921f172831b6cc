import { types } from "node:util";
import { DEFAULT_SNAPSHOT_LIMITS, MARKERS, MAX_ENTRIES_PER_CONTAINER, MAX_NODES, type SnapshotLimits } from "./snapshot-limits";

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
 * own enumerable fields; an own `__proto__` key → kept as data. Strings, arrays and objects past the
 * byte budget are cut with a marker, and so are collections past the work bounds
 * ({@link MAX_ENTRIES_PER_CONTAINER} entries, {@link MAX_NODES} values per field).
 */
export function snapshot(value: unknown, limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS): unknown {
  try {
    return new Walk(limits).value(value, 0);
  } catch (error) {
    return MARKERS.thrown(errorText(error));
  }
}

/**
 * The state of one capture: what is left of the byte and work budgets, and the ancestors of the value
 * being copied (only ancestors make a cycle). One per call, so a getter or `toJSON` that captures
 * something itself (an observed call inside a getter) runs its own walk.
 */
class Walk {
  /** Bytes (UTF-16 code units, approximately) left. */
  private budget: number;
  /** Values that may still be visited. */
  private nodes = MAX_NODES;
  private readonly maxDepth: number;
  /** The value captured, when an object. */
  private top: object | undefined = undefined;
  /** The objects below it on the path being copied, by depth; made only for nested objects. */
  private ancestors: object[] | undefined = undefined;

  constructor(limits: SnapshotLimits) {
    this.budget = limits.maxBytes;
    this.maxDepth = limits.maxDepth;
  }

  value(value: unknown, depth: number): unknown {
    switch (typeof value) {
      case "string":
        return this.clip(value);
      case "number":
        // The longest text of a number: the budget counts what the JSON will hold.
        this.budget -= 24;
        return Number.isFinite(value) ? value : String(value);
      case "boolean":
        this.budget -= 5;
        return value;
      case "undefined":
        return undefined;
      case "bigint":
        return this.clip(`${value.toString()}n`);
      case "symbol":
        return this.clip(value.toString());
      case "function":
        return this.clip(`[Function ${functionName(value as (...args: never[]) => unknown)}]`);
      default:
        return value === null ? null : this.object(value as object, depth);
    }
  }

  /** True while the byte and work budgets allow one more entry; spends one node. */
  private room(): boolean {
    return this.budget > 0 && this.nodes-- > 0;
  }

  private object(value: object, depth: number): unknown {
    // The objects on the path to this value (only they make a cycle): the top one, then ancestors[1..depth).
    if (depth > 0) {
      if (value === this.top) return MARKERS.circular;
      const ancestors = this.ancestors;
      for (let i = 1; i < depth; i++) if (ancestors?.[i] === value) return MARKERS.circular;
    }
    if (depth >= this.maxDepth) return MARKERS.maxDepth;
    if (depth === 0) this.top = value;
    else (this.ancestors ??= [])[depth] = value;
    try {
      // Every check below may run a Proxy trap that throws: the catch contains it to this value.
      // Plain objects and arrays (what capture mostly sees) are told apart with one prototype read.
      const proto: unknown = Object.getPrototypeOf(value);
      if ((proto === Object.prototype || proto === null || proto === Array.prototype) && typeof (value as { toJSON?: unknown }).toJSON !== "function") {
        return Array.isArray(value) ? this.array(value, depth) : this.keyed(value, depth);
      }
      const leaf = leafOf(value);
      if (leaf !== undefined) return this.clip(leaf);
      if (value instanceof Error) return this.error(value, depth);
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return this.toJson(value, depth);
      if (Array.isArray(value)) return this.array(value, depth);
      if (value instanceof Map) return this.map(value, depth);
      if (value instanceof Set) return this.set(value, depth);
      return this.keyed(value, depth);
    } catch (error) {
      return this.clip(MARKERS.thrown(errorText(error)));
    }
  }

  /** Copies `items` (of a collection of `total` entries in all, default its length) up to the bounds. */
  private array(items: readonly unknown[], depth: number, total?: number): unknown[] {
    const out: unknown[] = [];
    this.budget -= 2;
    const length = items.length;
    // A sparse `new Array(1e9)` is walked up to the entry bound, not to its length.
    const end = Math.min(length, MAX_ENTRIES_PER_CONTAINER);
    let i = 0;
    for (; i < end && this.room(); i++) {
      let item: unknown;
      try {
        item = items[i];
      } catch (error) {
        item = MARKERS.thrown(errorText(error));
      }
      const copy = this.value(item, depth + 1);
      out.push(copy === undefined ? null : copy);
      this.budget -= copy === undefined || copy === null ? 5 : 1;
    }
    const all = total ?? length;
    if (i < all) out.push(MARKERS.truncatedItems(all - i));
    return out;
  }

  /** Copies the own enumerable string keys of `value`. */
  private keyed(value: object, depth: number): Record<string, unknown> {
    const keys = Object.keys(value);
    return this.entries(value, keys, depth, keys.length);
  }

  /** Copies the `keys` of `source` (of `total` entries in all) up to the bounds. */
  private entries(source: object, keys: readonly string[], depth: number, total: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.budget -= 2;
    const end = Math.min(keys.length, MAX_ENTRIES_PER_CONTAINER);
    let i = 0;
    for (; i < end && this.room(); i++) {
      const key = keys[i] as string;
      let item: unknown;
      try {
        item = (source as Record<string, unknown>)[key];
      } catch (error) {
        item = MARKERS.thrown(errorText(error));
      }
      const copy = this.value(item, depth + 1);
      if (copy !== undefined) {
        setEntry(out, key, copy);
        this.budget -= key.length + 4;
      }
    }
    if (i < total) out["…"] = MARKERS.truncatedKeys(total - i);
    return out;
  }

  /** A Map as an object when its keys are primitives, else as `[key, value]` pairs; read up to the entry bound. */
  private map(map: Map<unknown, unknown>, depth: number): unknown {
    const size = map.size;
    const pairs: [unknown, unknown][] = [];
    let primitiveKeys = true;
    for (const pair of map) {
      if (pairs.length >= MAX_ENTRIES_PER_CONTAINER) break;
      pairs.push(pair);
      const type = typeof pair[0];
      if (type !== "string" && type !== "number" && type !== "boolean") primitiveKeys = false;
    }
    if (!primitiveKeys) return this.array(pairs, depth, size);
    const asObject: Record<string, unknown> = {};
    for (const [k, v] of pairs) setEntry(asObject, String(k), v);
    const keys = Object.keys(asObject);
    return this.entries(asObject, keys, depth, keys.length + size - pairs.length);
  }

  private set(set: Set<unknown>, depth: number): unknown[] {
    const size = set.size;
    const items: unknown[] = [];
    for (const item of set) {
      if (items.length >= MAX_ENTRIES_PER_CONTAINER) break;
      items.push(item);
    }
    return this.array(items, depth, size);
  }

  private error(error: Error, depth: number): Record<string, unknown> {
    const fields: Record<string, unknown> = {
      name: readSafely(() => error.name),
      message: readSafely(() => error.message),
      stack: readSafely(() => error.stack),
    };
    const cause = readSafely(() => error.cause);
    if (cause !== undefined) fields.cause = cause;
    for (const key of Object.keys(error)) if (!(key in fields)) setEntry(fields, key, readSafely(() => (error as unknown as Record<string, unknown>)[key]));
    return this.keyed(fields, depth);
  }

  private toJson(value: object, depth: number): unknown {
    let json: unknown;
    try {
      json = (value as { toJSON: () => unknown }).toJSON();
    } catch (error) {
      return MARKERS.thrown(`toJSON: ${errorText(error)}`);
    }
    // toJSON returning the object itself must not recurse forever; one returning a new object with
    // its own toJSON each time is stopped by the depth bound.
    if (json === value) return this.keyed(value, depth);
    return this.value(json, depth + 1);
  }

  private clip(text: string): string {
    const room = Math.max(0, this.budget);
    this.budget -= text.length + 2;
    if (text.length <= room) return text;
    return text.slice(0, room) + MARKERS.truncated(text.length - room);
  }
}

/**
 * Stores `value` under `key` as an own data property. An own `__proto__` key (as `JSON.parse` makes)
 * is kept as data: a plain assignment would set the copy's prototype instead.
 */
function setEntry(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
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
