import type { Tracewise } from "../client";
import type { ObservationType } from "../core/records";

/**
 * Options of `observe()`, as a wrapper or a decorator.
 *
 * @typeParam Args - the observed function's parameters.
 * @typeParam R - what the observed function returns.
 */
export interface ObserveOptions<Args extends readonly unknown[] = readonly unknown[], R = unknown> {
  /** Observation name. @default the function's name; `ClassName.method` for methods */
  name?: string;
  /** Observation type. @default "span" */
  asType?: ObservationType;
  /** Record the arguments as input. @default the client's `captureInput` (true) */
  captureInput?: boolean;
  /** Record the result as output. @default the client's `captureOutput` (true) */
  captureOutput?: boolean;
  /** Turns the arguments into the recorded input. @default one argument → it; several → the list; none → absent */
  input?: (args: Args) => unknown;
  /** Turns the result (awaited; for generators the aggregated chunks) into the recorded output. */
  output?: (result: Awaited<R>) => unknown;
  /** Metadata recorded on the observation. */
  metadata?: Record<string, unknown>;
  /**
   * Name of the prompt the step used, linked with `promptVersion` (Langfuse links a prompt to
   * generations that have both). @default none
   */
  promptName?: string;
  /** Version of the prompt the step used. @default none */
  promptVersion?: number;
  /** The client to use when the call starts a trace. @default the global client */
  client?: Tracewise;
  /** Force the sampling decision when the call starts a trace. */
  sampled?: boolean;
  /** Data for `tracesSampler` when the call starts a trace; never recorded. */
  samplingContext?: Record<string, unknown>;
}
