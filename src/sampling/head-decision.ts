import type { Counters } from "../diag/counters";
import type { Logger } from "../diag/logger";
import { encodeTh, keepsWith, probabilityOf, randomnessOf, thresholdFor } from "./consistent-probability";
import { followParent } from "./parent-based-sampler";
import type { Sampler, SamplerContext, SamplerParent } from "./sampler";
import type { SamplingInput, SamplingOutcome } from "./sampling-decision";
import { SAMPLING_REASONS, type SamplingReason } from "../core/trace-state";
import type { TracesSampler, TracesSamplerContext } from "./traces-sampler";
import { decisionTracestate, type OtTraceState, parseOt, parseTracestate, type TraceStateList } from "./tracestate";

/** Collaborators of the head decision. */
export interface HeadDeciderOptions {
  /** Decides traces no earlier rule decided (parent-based over the rate by default). */
  readonly sampler: Sampler;
  readonly tracesSampler?: TracesSampler;
  readonly logger: Logger;
  readonly counters: Counters;
}

/** `threshold`: the consistent-probability threshold the decision applied, if it applied one. */
type Verdict = { sampled: boolean; probability: number; threshold?: string | undefined; reason: SamplingOutcome["reason"] };

/** What a remote parent's tracestate says, read once per trace. */
interface ParentState {
  readonly incoming: TraceStateList | undefined;
  readonly ot: OtTraceState;
  readonly randomness: string;
  readonly parent: SamplerParent | undefined;
}

/**
 * Builds the per-trace head decision with Sentry's precedence: an explicit `sampled` → the
 * `tracesSampler` function → the `sampler` (whose default follows the parent's decision, then the
 * rate). Nothing here throws into the caller: a failing `tracesSampler` is logged once per kind and
 * skipped.
 */
export function createHeadDecider(options: HeadDeciderOptions): (input: SamplingInput) => SamplingOutcome {
  const { sampler, tracesSampler, logger } = options;
  return (input) => {
    const state = parentState(input);
    const verdict =
      explicitVerdict(input) ??
      (tracesSampler === undefined ? undefined : samplerFnVerdict(tracesSampler, input, state, logger)) ??
      objectVerdict(sampler, input, state);
    return toOutcome(verdict, state);
  };
}

const NO_OT: OtTraceState = { rest: [] };

function parentState(input: SamplingInput): ParentState {
  const remote = input.parent;
  if (remote === undefined) return { incoming: undefined, ot: NO_OT, randomness: randomnessOf(input.traceId), parent: undefined };
  const incoming = remote.tracestate === undefined ? undefined : parseTracestate(remote.tracestate);
  const ot = incoming === undefined ? NO_OT : parseOt(incoming.members.get("ot"));
  const parent: { -readonly [K in keyof SamplerParent]: SamplerParent[K] } = { sampled: remote.sampled, isRemote: true };
  if (ot.th !== undefined) {
    parent.threshold = ot.th;
    parent.sampleRate = probabilityOf(ot.th);
  }
  return { incoming, ot, randomness: ot.rv ?? randomnessOf(input.traceId), parent };
}

function explicitVerdict(input: SamplingInput): Verdict | undefined {
  if (input.sampled === undefined) return undefined;
  return input.sampled
    ? { sampled: true, probability: 1, threshold: "00000000000000", reason: "forced" }
    : { sampled: false, probability: 0, reason: "forced" };
}

function samplerFnVerdict(fn: TracesSampler, input: SamplingInput, state: ParentState, logger: Logger): Verdict | undefined {
  let answer: unknown;
  const inherited: { value?: number } = {};
  try {
    answer = fn(tracesSamplerContext(input, state.parent?.sampleRate, inherited));
  } catch (error) {
    logger.once("warn", "traces-sampler-threw", `tracesSampler threw (${String(error)}); falling back to the parent's decision or the rate`);
    return undefined;
  }
  if (typeof answer === "boolean") {
    return answer
      ? { sampled: true, probability: 1, threshold: "00000000000000", reason: "sampler" }
      : { sampled: false, probability: 0, reason: "sampler" };
  }
  if (typeof answer === "number" && answer === inherited.value && state.parent !== undefined) {
    // The sampler returned the parent's decision: the same rule as the default sampler's.
    return { ...followParent(state.parent, state.randomness), reason: "parent" };
  }
  if (typeof answer === "number" && answer >= 0 && answer <= 1) {
    const threshold = thresholdFor(answer);
    return { sampled: keepsWith(state.randomness, threshold), probability: answer, threshold, reason: "sampler" };
  }
  logger.once("warn", "traces-sampler-invalid", `tracesSampler returned ${String(answer)}; expected a number from 0 to 1 or a boolean. Falling back to the parent's decision or the rate`);
  return undefined;
}

function tracesSamplerContext(input: SamplingInput, parentRate: number | undefined, inherited: { value?: number }): TracesSamplerContext {
  const parentSampled = input.parent?.sampled;
  return {
    name: input.name,
    traceId: input.traceId,
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    ...(input.userId === undefined ? {} : { userId: input.userId }),
    ...(input.sessionId === undefined ? {} : { sessionId: input.sessionId }),
    ...(input.tags === undefined ? {} : { tags: input.tags }),
    ...(parentSampled === undefined ? {} : { parentSampled }),
    ...(parentRate === undefined ? {} : { parentSampleRate: parentRate }),
    ...(input.samplingContext === undefined ? {} : { samplingContext: input.samplingContext }),
    inheritOrSampleWith: (fallback) => {
      if (parentSampled === undefined) return fallback;
      inherited.value = parentSampled ? (parentRate ?? 1) : 0;
      return inherited.value;
    },
  };
}

function objectVerdict(sampler: Sampler, input: SamplingInput, state: ParentState): Verdict {
  // Assigned key by key rather than with conditional spreads: this runs for every trace.
  const context: { -readonly [K in keyof SamplerContext]: SamplerContext[K] } = { traceId: input.traceId, randomness: state.randomness, name: input.name };
  if (state.parent !== undefined) context.parent = state.parent;
  const result = sampler.shouldSample(context);
  return {
    sampled: result.sampled,
    probability: result.probability,
    threshold: result.threshold,
    reason: result.followedParent === true ? "parent" : "head",
  };
}

/**
 * Dropped outcomes without a tracestate, one per reason, shared: outcomes are read-only, and most
 * traces of a sampled-down service are dropped, so this saves an object per dropped trace.
 */
const DROPPED = Object.fromEntries(
  SAMPLING_REASONS.map((reason) => [reason, Object.freeze({ sampled: false, sampleRate: 0, reason })]),
) as Readonly<Record<SamplingReason, SamplingOutcome>>;

/** `ot=th:…` strings by threshold (bounded so a hostile stream of rates cannot grow it). */
const tracestateCache = new Map<string, string>();

/**
 * The outcome of a verdict: its probability, and the tracestate to propagate, written by the one rule
 * of `decisionTracestate` (the verdict's threshold as `th` on a kept trace, removed otherwise).
 */
function toOutcome(verdict: Verdict, state: ParentState): SamplingOutcome {
  const sampled = verdict.sampled;
  const sampleRate = sampled ? verdict.probability : 0;
  const reason = verdict.reason;
  const threshold = sampled ? verdict.threshold : undefined;
  let tracestate: string | undefined;
  if (state.incoming === undefined) {
    if (threshold !== undefined) {
      // Without a parent's tracestate the result is one of few `ot=th:…` strings: shared, not rebuilt.
      tracestate = tracestateCache.get(threshold);
      if (tracestate === undefined) {
        tracestate = `ot=th:${encodeTh(threshold)}`;
        if (tracestateCache.size < 256) tracestateCache.set(threshold, tracestate);
      }
    }
  } else {
    tracestate = decisionTracestate(state.incoming, state.ot, threshold);
  }
  if (tracestate !== undefined) return { sampled, sampleRate, reason, tracestate };
  return sampled ? { sampled, sampleRate, reason } : DROPPED[reason];
}
