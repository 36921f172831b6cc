import type { Tracewise } from "../client";
import type { ObservationType } from "../core/records";
import { booleanField, objectField, optionsObject, readField, stringField, typeField, warnInput } from "../core/user-input";
import { Logger } from "../diag/logger";
import { getGlobalSlot } from "../global-slot";
import type { ObserveOptions } from "./observe-options";

/** What the run helper needs to know about one observed function; built once per wrapped function. */
export interface ObservedSpec {
  /** A fixed name, or one computed from `this` (methods: `ClassName.method`). */
  readonly name: string | ((thisArg: unknown) => string);
  readonly asType: ObservationType;
  readonly captureInput?: boolean;
  readonly captureOutput?: boolean;
  readonly input?: (args: readonly unknown[]) => unknown;
  readonly output?: (result: unknown) => unknown;
  readonly metadata?: Record<string, unknown>;
  /** The prompt link (`promptName` / `promptVersion`), when either is given. */
  readonly prompt?: { readonly promptName?: string; readonly promptVersion?: number };
  readonly client?: Tracewise;
  readonly sampled?: boolean;
  readonly samplingContext?: Record<string, unknown>;
}

/**
 * The options given to `observe()`, type-checked into a plain object: bad fields are ignored with a
 * warning (on the client's logger, or the global client's), and reading them never throws, so
 * `observe()` accepts anything as options.
 */
export function observeOptionsFrom(input: unknown): ObserveOptions<never, never> {
  const call = "observe()";
  if (input === undefined || input === null) return {};
  const out: Record<string, unknown> = {};
  const fallback = loggerOf(getGlobalSlot());
  const source = optionsObject(input, call, fallback);
  if (source === undefined) return out;
  const client = readField(source, "client", call, fallback);
  const logger = client === undefined ? fallback : loggerOf(client);
  if (client !== undefined) {
    if (loggerOf(client) !== FALLBACK_LOGGER) out.client = client;
    else warnInput(logger, call, "client", client, "ignored: expected a Tracewise client");
  }
  try {
    for (const key in source) {
      if (key === "client") continue;
      const value = readField(source, key, call, logger);
      if (value === undefined) continue;
      let checked: unknown;
      switch (key) {
        case "name":
        case "promptName":
          checked = stringField(value, key, call, logger);
          break;
        case "promptVersion":
          checked = typeof value === "number" && Number.isInteger(value) ? value : warnInput(logger, call, key, value, "ignored: expected an integer");
          break;
        case "asType":
          checked = typeField(value, call, logger);
          break;
        case "captureInput":
        case "captureOutput":
        case "sampled":
          checked = booleanField(value, key, call, logger);
          break;
        case "input":
        case "output":
          checked = typeof value === "function" ? value : warnInput(logger, call, key, value, "ignored: expected a function");
          break;
        case "metadata":
        case "samplingContext":
          checked = objectField(value, key, call, logger);
          break;
        default:
          warnInput(logger, call, key, value, "ignored: not an option of observe()");
      }
      if (checked !== undefined) out[key] = checked;
    }
  } catch {
    warnInput(logger, call, "options", source, "could not be read in full");
  }
  return out;
}

/** Used when no client is at hand yet to warn about options. */
const FALLBACK_LOGGER = new Logger("warn");

/** The logger of a Tracewise client (checked structurally, and safely), else a default one. */
function loggerOf(client: unknown): Logger {
  try {
    // Structural, like getGlobalClient: a client of the other module format (ESM or CJS) counts too.
    const logger = (client as { config?: { logger?: { once?: unknown } } } | undefined)?.config?.logger;
    if (typeof logger?.once === "function" && typeof (client as { tracer?: { startTrace?: unknown } }).tracer?.startTrace === "function") return logger as Logger;
  } catch {
    // A hostile value in place of a client.
  }
  return FALLBACK_LOGGER;
}

/** Builds the spec from (type-checked) options and a default name. */
export function toSpec(options: ObserveOptions<never, never>, defaultName: ObservedSpec["name"]): ObservedSpec {
  const o = options as ObserveOptions;
  return {
    name: o.name ?? defaultName,
    asType: o.asType ?? "span",
    ...(o.captureInput === undefined ? {} : { captureInput: o.captureInput }),
    ...(o.captureOutput === undefined ? {} : { captureOutput: o.captureOutput }),
    ...(o.input === undefined ? {} : { input: o.input }),
    ...(o.output === undefined ? {} : { output: o.output }),
    ...(o.metadata === undefined ? {} : { metadata: o.metadata }),
    ...(o.promptName === undefined && o.promptVersion === undefined ? {} : { prompt: { ...(o.promptName === undefined ? {} : { promptName: o.promptName }), ...(o.promptVersion === undefined ? {} : { promptVersion: o.promptVersion }) } }),
    ...(o.client === undefined ? {} : { client: o.client }),
    ...(o.sampled === undefined ? {} : { sampled: o.sampled }),
    ...(o.samplingContext === undefined ? {} : { samplingContext: o.samplingContext }),
  };
}

/** `ClassName.method` for a method called on `thisArg` (an instance, or the class for statics). */
export function methodName(methodKey: string | symbol): (thisArg: unknown) => string {
  const key = String(methodKey);
  return (thisArg) => {
    try {
      const owner = typeof thisArg === "function" ? (thisArg as { name?: string }).name : (thisArg as { constructor?: { name?: string } } | null | undefined)?.constructor?.name;
      return owner ? `${owner}.${key}` : key;
    } catch {
      return key;
    }
  };
}
