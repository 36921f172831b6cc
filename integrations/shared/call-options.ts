import type { ObservationHandle, TraceHandle, Tracewise } from "tracewise";
import type { ModelPrices } from "./cost-details";

/**
 * The resolved options every SDK wrapper (`observeOpenAI`, `observeAnthropic`) shares: where a call
 * nests, which client records it, what it is linked to, and how its cost is computed.
 */
export interface CallOptions {
  /** Name of every traced call (else `defaultName`, else the method's name). */
  readonly generationName?: string;
  /** Name of calls a helper makes (`Anthropic.messages.stream`) when `generationName` is not set. */
  readonly defaultName?: string;
  /** Parent of every traced call; else the current observation; else each call starts a trace. */
  readonly parent?: ObservationHandle | TraceHandle;
  /** The client that records calls starting their own trace (else the global client). */
  readonly client?: Tracewise;
  /** Metadata recorded on every traced call (and on the trace a call starts). */
  readonly metadata?: Record<string, unknown>;
  /** Prompt linked to every generation (with `promptVersion`). */
  readonly promptName?: string;
  readonly promptVersion?: number;
  /** Trace-level fields of the trace a call starts. */
  readonly userId?: string;
  readonly sessionId?: string;
  readonly tags?: readonly string[];
  /** Token prices by model, to record cost. */
  readonly pricesPerMillionTokens?: ModelPrices;
  /** Names the wrapper in internal error reports (`openai`, `anthropic`). */
  readonly integration?: string;
}
