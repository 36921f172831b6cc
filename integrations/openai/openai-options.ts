import { z } from "zod";
import { TracewiseConfigError, type ObservationHandle, type TraceHandle, type Tracewise } from "tracewise";
import type { CallOptions } from "../shared/call-options";
import type { ModelPrices } from "../shared/cost-details";

/**
 * Options of {@link observeOpenAI}. Every field is optional; an invalid one throws
 * `TracewiseConfigError` when the client is wrapped.
 */
export interface ObserveOpenAIOptions {
  /** Name of every traced call. @default `OpenAI.` + the method path, e.g. `OpenAI.chat.completions.create` */
  generationName?: string;
  /**
   * Parent of every traced call. @default the current observation (inside `observe` or
   * `withObservation`); outside any, each call starts its own trace
   */
  parent?: ObservationHandle | TraceHandle;
  /** The client that records calls starting their own trace. @default the global client (`getClient()`) */
  client?: Tracewise;
  /** Metadata recorded on every traced call (and on the trace a call starts). @default none */
  metadata?: Record<string, unknown>;
  /** Name of the prompt used, to link the generation to it (with `promptVersion`). @default none */
  promptName?: string;
  /** Version of the prompt used. @default none */
  promptVersion?: number;
  /** User of the trace a call starts (ignored when the call nests in a trace). @default none */
  userId?: string;
  /** Session of the trace a call starts. @default none */
  sessionId?: string;
  /** Tags of the trace a call starts. @default none */
  tags?: readonly string[];
  /**
   * Adds `stream_options: { include_usage: true }` to streamed chat and legacy completion requests
   * that do not set it, so their usage is recorded. The final chunk then has an empty `choices` list,
   * which code iterating the stream must tolerate. @default false
   */
  includeUsage?: boolean;
  /**
   * Token prices in USD per million tokens by model name, to record cost: e.g.
   * `{ "gpt-4o-mini": { input: 0.15, input_cached_tokens: 0.075, output: 0.6 } }`. A detail key without
   * a price is charged at its parent's (`output_reasoning_tokens` at `output`). @default none: the
   * backend computes cost from its own price table
   */
  pricesPerMillionTokens?: ModelPrices;
}

/** {@link ObserveOpenAIOptions} after validation; shared by every proxy of one wrapped client. */
export type ResolvedOpenAIOptions = Readonly<ObserveOpenAIOptions> & CallOptions;

const handleLike = z.custom<object>((v) => typeof v === "object" && v !== null && ("root" in v || typeof (v as { generation?: unknown }).generation === "function"));
const clientLike = z.custom<object>((v) => typeof v === "object" && v !== null && typeof (v as { trace?: unknown }).trace === "function");
const prices = z.record(z.string(), z.record(z.string(), z.number().nonnegative()));

const optionsSchema = z
  .object({
    generationName: z.string().min(1),
    parent: handleLike,
    client: clientLike,
    metadata: z.record(z.string(), z.unknown()),
    promptName: z.string().min(1),
    promptVersion: z.number().int().nonnegative(),
    userId: z.string(),
    sessionId: z.string(),
    tags: z.array(z.string()),
    includeUsage: z.boolean(),
    pricesPerMillionTokens: prices,
  })
  .partial();

/** What each option accepts, for error messages. */
const EXPECTED: Record<string, string> = {
  generationName: "a non-empty string",
  parent: "an observation handle or a TraceHandle",
  client: "a Tracewise client",
  metadata: "an object",
  promptName: "a non-empty string",
  promptVersion: "a non-negative integer",
  userId: "a string",
  sessionId: "a string",
  tags: "an array of strings",
  includeUsage: "a boolean",
  pricesPerMillionTokens: 'prices by model, e.g. { "gpt-4o-mini": { input: 0.15, output: 0.6 } }',
};

/**
 * Validates the options once, when the client is wrapped.
 *
 * @throws TracewiseConfigError naming the first invalid option.
 */
export function resolveOpenAIOptions(options: ObserveOpenAIOptions | undefined): ResolvedOpenAIOptions {
  if (options === undefined) return { integration: "openai" };
  if (typeof options !== "object" || options === null) throw new TracewiseConfigError("observeOpenAI options", options, "an object");
  for (const key of Object.keys(options)) {
    if (!(key in EXPECTED)) throw new TracewiseConfigError(key, "(unknown option)", `one of ${Object.keys(EXPECTED).join(", ")}`);
  }
  const parsed = optionsSchema.safeParse(stripUndefined(options));
  if (!parsed.success) {
    const key = String(parsed.error.issues[0]?.path[0] ?? "options");
    throw new TracewiseConfigError(key, (options as Record<string, unknown>)[key], EXPECTED[key] ?? "a valid value");
  }
  return { ...options, integration: "openai" };
}

function stripUndefined(options: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
