import type { Logger } from "../diag/logger";
import { describeValue, sanitizeForPrint } from "../diag/sanitize";
import { OBSERVATION_LEVELS, OBSERVATION_TYPES, type ObservationLevel, type ObservationType } from "./records";

/*
 * Checks for values handed to the public API at run time. A bad value never throws into the caller:
 * it is ignored (or coerced, where the intent is plain) and warned about once per call and field,
 * the way invalid environment variables are.
 */

/** Warns once (per logger, call and field) that a value was ignored or coerced. */
export function warnInput(logger: Logger, call: string, field: string, received: unknown, outcome: string): void {
  warnOnce(logger, call, field, `${describeValue(received)} ${outcome}`);
}

/** Warns once (per logger, call and field) with `text` about the field. */
function warnOnce(logger: Logger, call: string, field: string, text: string): void {
  try {
    logger.once("warn", `input:${call}:${field}`, `${call}: ${sanitizeForPrint(field, 60)} ${text}`);
  } catch {
    // A warning must not fail the call it is about.
  }
}

/**
 * The options object given to `call`: the value itself when it is an object; undefined (warned about,
 * unless it is undefined) when it is anything else.
 */
export function optionsObject(value: unknown, call: string, logger: Logger): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if ((typeof value === "object" && value !== null) || typeof value === "function") return value as Record<string, unknown>;
  warnInput(logger, call, "options", value, "ignored: expected an options object");
  return undefined;
}

/**
 * Reads `source[key]`; a read that throws (a getter, a Proxy trap) is warned about and reads as
 * undefined.
 */
export function readField(source: Record<string, unknown>, key: string, call: string, logger: Logger): unknown {
  try {
    return source[key];
  } catch {
    warnOnce(logger, call, key, "ignored: reading it threw");
    return undefined;
  }
}

/** Epoch milliseconds of a valid `Date` or a finite number; undefined for anything else. */
export function epochMsOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  try {
    if (!(value instanceof Date)) return undefined;
    const ms = Date.prototype.getTime.call(value);
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** A time field: epoch ms, or undefined (warned about) when the value is not a valid time. */
export function timeField(value: unknown, field: string, call: string, logger: Logger): number | undefined {
  const ms = epochMsOf(value);
  if (ms === undefined && value !== undefined) warnInput(logger, call, field, value, "ignored: expected a valid Date or epoch milliseconds");
  return ms;
}

/** A string field; numbers and booleans become their text (warned about); anything else is ignored. */
export function stringField(value: unknown, field: string, call: string, logger: Logger): string | undefined {
  if (typeof value === "string") return value;
  if (value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "boolean") {
    warnInput(logger, call, field, value, "is not a string: recorded as its text");
    return String(value);
  }
  warnInput(logger, call, field, value, "ignored: expected a string");
  return undefined;
}

/** A boolean field; anything else is ignored (warned about). */
export function booleanField(value: unknown, field: string, call: string, logger: Logger): boolean | undefined {
  if (typeof value === "boolean" || value === undefined) return value;
  warnInput(logger, call, field, value, "ignored: expected true or false");
  return undefined;
}

/** A finite number field; anything else is ignored (warned about). */
export function numberField(value: unknown, field: string, call: string, logger: Logger): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (value !== undefined) warnInput(logger, call, field, value, "ignored: expected a finite number");
  return undefined;
}

/** An observation type; anything else is ignored (warned about). */
export function typeField(value: unknown, call: string, logger: Logger): ObservationType | undefined {
  if (value === undefined || (OBSERVATION_TYPES as readonly unknown[]).includes(value)) return value as ObservationType | undefined;
  warnInput(logger, call, "asType", value, `ignored: expected one of ${OBSERVATION_TYPES.join(", ")}`);
  return undefined;
}

/** An observation level; anything else is ignored (warned about). */
export function levelField(value: unknown, call: string, logger: Logger): ObservationLevel | undefined {
  if (value === undefined || (OBSERVATION_LEVELS as readonly unknown[]).includes(value)) return value as ObservationLevel | undefined;
  warnInput(logger, call, "level", value, `ignored: expected one of ${OBSERVATION_LEVELS.join(", ")}`);
  return undefined;
}

/** A plain object field (not an array); anything else is ignored (warned about). */
export function objectField(value: unknown, field: string, call: string, logger: Logger): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (isPlainRecord(value)) return value;
  warnInput(logger, call, field, value, "ignored: expected an object");
  return undefined;
}

/**
 * Captured metadata as an object to merge key by key. Metadata that is not an object (a string, an
 * array) is kept under `value` rather than spread: a 1 MB string must not become 10⁶ keys.
 */
export function metadataOf(captured: unknown, call: string, logger: Logger): Record<string, unknown> | undefined {
  if (captured === undefined) return undefined;
  if (isPlainRecord(captured)) return captured;
  warnInput(logger, call, "metadata", captured, 'is not an object: recorded under "value"');
  return { value: captured };
}

/** Captured tags as strings; anything else is dropped (warned about). */
export function tagsOf(captured: unknown, call: string, logger: Logger): string[] | undefined {
  if (captured === undefined) return undefined;
  if (typeof captured === "string") return [captured];
  if (Array.isArray(captured) && captured.every((tag) => typeof tag === "string")) return captured;
  warnInput(logger, call, "tags", captured, "ignored in part: expected an array of strings");
  return Array.isArray(captured) ? captured.filter((tag): tag is string => typeof tag === "string") : undefined;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  try {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    // Array.isArray throws on a revoked Proxy.
    return false;
  }
}
