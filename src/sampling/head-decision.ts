import type { Counters } from "../diag/counters";
import type { Logger } from "../diag/logger";
import { decodeTh, encodeTh, keepsWith, probabilityOf, randomnessOf, thresholdFor } from "./consistent-probability";
import type { Sampler, SamplerContext, SamplerParent } from "./sampler";
import type { SamplingInput, SamplingOutcome } from "./sampling-decision";
import { SAMPLING_REASONS, type SamplingReason } from "../core/trace-state";
import type { TracesSampler, TracesSamplerContext } from "./traces-sampler";
import { readOt, withTh } from "./tracestate";

/** Collaborators of the head decision. */
export interface HeadDeciderOptions {
  /** Decides traces no earlier rule decided (parent-based over the rate by default). */
  readonly sampler: Sampler;
  readonly tracesSampler?: TracesSampler;
  readonly logger: Logger;
  readonly counters: Counters;
}

type Verdict = { sampled: boolean; probability: number; threshold?: string | undefined; reason: SamplingOutcome["reason"] };

/**
 * Builds the per-trace head decision with Sentry's precedence: an explicit `sampled` → the
 * `tracesSampler` function → the `sampler` (whose default follows the parent's decision, then the
 * rate). Nothing here throws into the caller: a failing `tracesSampler` is logged once per kind and
 * skipped.
 */
export function createHeadDecider(options: HeadDeciderOptions): (input: SamplingInput) => SamplingOutcome {
  const { sampler, tracesSampler, logger } = options;
  return (input) => {
    const ot = input.parent?.tracestate === undefined ? undefined : readOt(input.parent.tracestate);
    const randomness = ot?.rv ?? randomnessOf(input.traceId);
    const parentThreshold = ot?.th === undefined ? undefined : decodeTh(ot.th);
    const parentRate = parentThreshold === undefined ? undefined : probabilityOf(parentThreshold);
    const verdict =
      explicitVerdict(input) ??
      (tracesSampler === undefined ? undefined : samplerFnVerdict(tracesSampler, input, randomness, parentRate, logger)) ??
      objectVerdict(sampler, input, randomness, parentRate);
    return toOutcome(verdict, input.parent?.tracestate, parentThreshold);
  };
}

function explicitVerdict(input: SamplingInput): Verdict | undefined {
  if (input.sampled === undefined) return undefined;
  return input.sampled
    ? { sampled: true, probability: 1, threshold: "00000000000000", reason: "forced" }
    : { sampled: false, probability: 0, reason: "forced" };
}

function samplerFnVerdict(
  fn: TracesSampler,
  input: SamplingInput,
  randomness: string,
  parentRate: number | undefined,
  logger: Logger,
): Verdict | undefined {
  let answer: unknown;
  const inherited: { value?: number } = {};
  try {
    answer = fn(tracesSamplerContext(input, parentRate, inherited));
  } catch (error) {
    logger.once("warn", "traces-sampler-threw", `tracesSampler threw (${String(error)}); falling back to the parent's decision or the rate`);
    return undefined;
  }
  if (typeof answer === "boolean") {
    return answer
      ? { sampled: true, probability: 1, threshold: "00000000000000", reason: "sampler" }
      : { sampled: false, probability: 0, reason: "sampler" };
  }
  if (typeof answer === "number" && answer === inherited.value && input.parent !== undefined) {
    // The sampler returned the parent's decision: follow it exactly, even where the parent's
    // recorded probability and this trace id's randomness disagree (a parent forced to keep).
    return { sampled: input.parent.sampled, probability: input.parent.sampled ? answer : 0, reason: "parent" };
  }
  if (typeof answer === "number" && answer >= 0 && answer <= 1) {
    const threshold = thresholdFor(answer);
    return { sampled: keepsWith(randomness, threshold), probability: answer, threshold, reason: "sampler" };
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

function objectVerdict(sampler: Sampler, input: SamplingInput, randomness: string, parentRate: number | undefined): Verdict {
  // Assigned key by key rather than with conditional spreads: this runs for every trace.
  const context: { -readonly [K in keyof SamplerContext]: SamplerContext[K] } = { traceId: input.traceId, randomness, name: input.name };
  if (input.parent !== undefined) {
    const parent: { -readonly [K in keyof SamplerParent]: SamplerParent[K] } = { sampled: input.parent.sampled, isRemote: true };
    if (parentRate !== undefined) parent.sampleRate = parentRate;
    context.parent = parent;
  }
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

const tracestateCache = new Map<string, string>();
const thCache = new Map<string, string>();

/** `encodeTh`, memoized: a process sees few distinct thresholds (bounded so a hostile stream cannot grow it). */
function cachedTh(threshold: string): string {
  let th = thCache.get(threshold);
  if (th === undefined) {
    th = encodeTh(threshold);
    if (thCache.size < 256) thCache.set(threshold, th);
  }
  return th;
}

function toOutcome(verdict: Verdict, incoming: string | undefined, parentThreshold: string | undefined): SamplingOutcome {
  const sampled = verdict.sampled;
  const sampleRate = sampled ? verdict.probability : 0;
  const reason = verdict.reason;
  let th: string | undefined;
  if (sampled) {
    const threshold = verdict.threshold ?? (reason === "parent" ? parentThreshold : undefined);
    th = threshold === undefined ? undefined : cachedTh(threshold);
  }
  let tracestate: string | undefined;
  if (incoming === undefined) {
    if (th !== undefined) {
      tracestate = tracestateCache.get(th);
      if (tracestate === undefined) tracestateCache.set(th, (tracestate = `ot=th:${th}`));
    }
  } else {
    tracestate = withTh(incoming, th);
  }
  if (tracestate !== undefined) return { sampled, sampleRate, reason, tracestate };
  return sampled ? { sampled, sampleRate, reason } : DROPPED[reason];
}
