import type { Logger } from "../diag/logger";
import type { ScoreOptions, TraceOptions } from "./observation-options";
import type { ScoreDataType, TraceFields } from "./records";
import {
  booleanField,
  objectField,
  optionsObject,
  readField,
  stringField,
  timeField,
  typeField,
  warnInput,
} from "./user-input";

/*
 * Type-checked copies of the options given to `tw.trace()`, `trace.update()` and `score()`: what the
 * tracer reads afterwards is plain data of the documented types, whatever the caller passed.
 */

/** The options of `tw.trace()`, type-checked: bad fields are dropped (or coerced) with a warning. */
export function traceOptionsFrom(input: unknown, logger: Logger): TraceOptions {
  const call = "trace()";
  const out: Record<string, unknown> = {};
  eachField(input, call, logger, (key, value) => {
    switch (key) {
      case "id":
      case "traceparent":
      case "tracestate":
      case "model":
        setDefined(out, key, stringField(value, key, call, logger));
        return;
      case "sampled":
        setDefined(out, key, booleanField(value, key, call, logger));
        return;
      case "samplingContext":
        setDefined(out, key, objectField(value, key, call, logger));
        return;
      case "asType":
        setDefined(out, key, typeField(value, call, logger));
        return;
      case "startTime":
        setDefined(out, key, timeField(value, key, call, logger));
        return;
      default:
        traceField(out, key, value, call, logger);
    }
  });
  return out;
}

/** Trace-level fields given to `call` (`trace.update()`, `updateCurrentTrace()`), type-checked. */
export function traceFieldsFrom(input: unknown, call: string, logger: Logger): TraceFields {
  const out: Record<string, unknown> = {};
  eachField(input, call, logger, (key, value) => traceField(out, key, value, call, logger));
  return out;
}

/** Score options given to `call`, type-checked; undefined (warned about) when there is no usable score. */
export function scoreOptionsFrom(input: unknown, call: string, logger: Logger): ScoreOptions | undefined {
  const out: Record<string, unknown> = {};
  eachField(input, call, logger, (key, value) => {
    switch (key) {
      case "name":
      case "comment":
      case "id":
      case "traceId":
      case "observationId":
        setDefined(out, key, stringField(value, key, call, logger));
        return;
      case "value":
        if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") out.value = value;
        else warnInput(logger, call, key, value, "ignored: expected a number, a boolean or a string");
        return;
      case "dataType":
        if (SCORE_DATA_TYPES.includes(value as ScoreDataType)) out.dataType = value;
        else warnInput(logger, call, key, value, `ignored: expected one of ${SCORE_DATA_TYPES.join(", ")}`);
        return;
      case "sampled":
        setDefined(out, key, booleanField(value, key, call, logger));
        return;
      case "metadata":
        out.metadata = value;
    }
  });
  if (typeof out.name !== "string" || out.value === undefined) {
    warnInput(logger, call, out.name === undefined ? "name" : "value", out.name === undefined ? undefined : out.value, "is missing: the score was dropped");
    return undefined;
  }
  return out as unknown as ScoreOptions;
}

const SCORE_DATA_TYPES: readonly ScoreDataType[] = ["NUMERIC", "BOOLEAN", "CATEGORICAL"];

/** One trace-level field, type-checked; user data (input, output, metadata, tags) is captured later. */
function traceField(out: Record<string, unknown>, key: string, value: unknown, call: string, logger: Logger): void {
  switch (key) {
    case "name":
    case "userId":
    case "sessionId":
    case "release":
    case "version":
    case "environment":
      setDefined(out, key, stringField(value, key, call, logger));
      return;
    case "public":
      setDefined(out, key, booleanField(value, key, call, logger));
      return;
    case "input":
    case "output":
    case "metadata":
    case "tags":
      out[key] = value;
  }
}

/**
 * Calls `each` for every defined enumerable field of `input`. A read that throws skips its field;
 * an enumeration that throws (a Proxy trap) ends the walk; both with a warning, neither throws.
 */
function eachField(input: unknown, call: string, logger: Logger, each: (key: string, value: unknown) => void): void {
  const source = optionsObject(input, call, logger);
  if (source === undefined) return;
  try {
    for (const key in source) {
      const value = readField(source, key, call, logger);
      if (value !== undefined) each(key, value);
    }
  } catch {
    warnInput(logger, call, "options", source, "could not be read in full");
  }
}

function setDefined(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}
