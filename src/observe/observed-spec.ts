import type { Tracewise } from "../client";
import type { ObservationType } from "../core/records";
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

/** Builds the spec from user options and a default name. */
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
