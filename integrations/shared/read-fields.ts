/**
 * Small readers for values that come from the network or from the user: OpenAI responses, stream
 * chunks and request parameters are read structurally, so the wrapper depends only on the field names
 * openai v4, v5 and v6 share, never on their classes. Every reader returns `undefined` rather than
 * throwing on an unexpected shape.
 *
 * @module
 */

/** A plain record view of `value`, or undefined when it is not a non-array object. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `value` as an array, or undefined. */
export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** `value` when it is a finite number, else undefined. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `value` when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** `value` when it is a non-empty string, else undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** `T` with every property optional and never explicitly undefined. */
export type DefinedOnly<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** A copy of `fields` without its undefined values (for `exactOptionalPropertyTypes`). */
export function definedOnly<T extends Record<string, unknown>>(fields: T): DefinedOnly<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    if (fields[key] !== undefined) out[key] = fields[key];
  }
  return out as DefinedOnly<T>;
}

/** Whether `value` is an async iterable (an OpenAI `Stream`, for example). */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function"
  );
}

/** The message of a thrown value, for `statusMessage`; never throws. */
export function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return error.message || error.name;
    const message = asRecord(error)?.message;
    return typeof message === "string" ? message : String(error);
  } catch {
    return "unknown error";
  }
}

/** A high-resolution epoch-milliseconds timestamp, on the same clock the core uses. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
