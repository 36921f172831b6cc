import { z } from "zod";
import { TracewiseConfigError, type ObservationHandle, type TraceHandle, type Tracewise } from "tracewise";

/**
 * Options of the LangChain {@link CallbackHandler}. Every field is optional: with none, the handler
 * traces into the global client and nests under the current observation when there is one.
 */
export interface CallbackHandlerOptions {
  /** The client that records traces the handler starts. @default the global client (`getClient()`) */
  client?: Tracewise;
  /**
   * The observation (or trace) top-level LangChain runs nest under. When absent, the current
   * observation at the start of each top-level run (inside `observe` or `withObservation`) is used,
   * and outside any trace each top-level run starts a trace.
   * @default the current observation, captured per top-level run
   */
  parent?: ObservationHandle | TraceHandle;
  /** Trace-level user id. Run metadata `tracewise_user_id` overrides it per call. @default none */
  userId?: string;
  /** Trace-level session id. Run metadata `tracewise_session_id` overrides it per call. @default none */
  sessionId?: string;
  /** Trace-level tags, merged with the top-level run's LangChain tags. @default none */
  tags?: readonly string[];
  /** Metadata added to every top-level run, and to the trace when the handler starts it. @default none */
  metadata?: Record<string, unknown>;
  /** Name of traces the handler starts. @default the top-level run's name */
  traceName?: string;
}

/** {@link CallbackHandlerOptions} after validation, with `parent` reduced to an observation. */
export interface ResolvedHandlerOptions {
  readonly client: Tracewise | undefined;
  readonly parent: ObservationHandle | undefined;
  readonly userId: string | undefined;
  readonly sessionId: string | undefined;
  readonly tags: readonly string[];
  readonly metadata: Record<string, unknown> | undefined;
  readonly traceName: string | undefined;
}

const hasFunction = (key: string) => (value: unknown) =>
  typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)[key] === "function";

/** Checked structurally, so a client or handle from the other module format (ESM/CJS) still counts. */
const optionsSchema = z.object({
  client: z.custom<Tracewise>(hasFunction("trace")).optional(),
  parent: z.custom<ObservationHandle | TraceHandle>(hasFunction("startObservation")).optional(),
  userId: z.string().optional(),
  sessionId: z.string().optional(),
  tags: z.array(z.string()).readonly().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  traceName: z.string().optional(),
});

const EXPECTED: Record<string, string> = {
  client: "a Tracewise client",
  parent: "an ObservationHandle or TraceHandle",
  userId: "a string",
  sessionId: "a string",
  tags: "an array of strings",
  metadata: "a plain object",
  traceName: "a string",
};

/**
 * Validates handler options once, at construction.
 *
 * @throws TracewiseConfigError naming the first invalid option, its value and what is allowed.
 */
export function resolveHandlerOptions(options: unknown): ResolvedHandlerOptions {
  if (options === null || typeof options !== "object") throw new TracewiseConfigError("options", options, "an object");
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const key = String(parsed.error.issues[0]?.path[0] ?? "options");
    throw new TracewiseConfigError(key, (options as Record<string, unknown>)[key], EXPECTED[key] ?? "a valid value");
  }
  const o = parsed.data;
  return {
    client: o.client,
    parent: toObservation(o.parent),
    userId: o.userId,
    sessionId: o.sessionId,
    tags: o.tags ?? [],
    metadata: o.metadata,
    traceName: o.traceName,
  };
}

/** A `TraceHandle` stands for its root observation. */
function toObservation(parent: ObservationHandle | TraceHandle | undefined): ObservationHandle | undefined {
  if (parent === undefined) return undefined;
  return "root" in parent ? parent.root : parent;
}
