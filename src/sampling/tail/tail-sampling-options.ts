import type { ObservationLevel, ObservationRecord, ObservationType } from "../../core/records";

/** What a tail rule sees: a summary of what has finished so far in one trace. */
export interface TailTraceInfo {
  readonly traceId: string;
  /** Trace name (the root's). */
  readonly name: string;
  /** True when the local root has ended: this is the final evaluation. */
  readonly rootEnded: boolean;
  /** Milliseconds from the root's start to the latest end seen (or now, for a forced decision). */
  readonly durationMs: number;
  /** The most severe level among finished observations. */
  readonly maxLevel: ObservationLevel;
  /** Finished observations so far. */
  readonly observationCount: number;
  /** Names and types of finished observations, in order (bounded by `maxObservationsPerTrace`). */
  readonly observations: readonly { readonly name: string; readonly type: ObservationType; readonly level: ObservationLevel; readonly durationMs: number }[];
  /** Trace metadata. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Sum of `usageDetails.total` (or input + output) over finished observations. */
  readonly totalTokens: number;
  /** Sum of `costDetails.total` (or the sum of its parts) over finished observations, in USD. */
  readonly totalCost: number;
  /** The observation that just ended (undefined for a forced decision). */
  readonly last?: ObservationRecord;
  /** The head sampling probability this trace was kept with. */
  readonly headRate: number;
}

/**
 * Judges a trace from what has finished so far. Returns the **absolute** probability (in [0, 1]) that
 * the whole trace is kept, decided consistently from the trace id (so `0.01` keeps the same 1 % of
 * traces in every process), or a boolean (`true` = keep now). It runs after each observation ends and
 * once more when the local root ends; the trace is kept as soon as one evaluation keeps it, and
 * discarded if none did by the end.
 */
export type TailSamplingRule = (info: TailTraceInfo) => number | boolean;

/** Tail sampling: a rule plus the bounds of the buffer that holds traces until they are decided. */
export interface TailSamplingOptions {
  /** The rule. */
  readonly rule: TailSamplingRule;
  /** The absolute rate at which traces no rule keeps are still kept; must not exceed the head rate. @default 0 */
  readonly backgroundRate?: number;
  /** Most undecided traces held at once; past it, the oldest is decided at once. @default 10_000 */
  readonly maxBufferedTraces?: number;
  /** Most finished observations held per undecided trace; past it, that trace is decided at once. @default 1_000 */
  readonly maxObservationsPerTrace?: number;
  /** Approximate bytes of all held records; past it, the oldest traces are decided at once. @default 64 MiB */
  readonly maxBufferedBytes?: number;
  /** Age after which an undecided trace (a root that never ends) is decided at once. @default 300_000 */
  readonly maxTraceAgeMs?: number;
}

/** Tail sampling with every bound resolved. */
export type ResolvedTailSampling = Required<TailSamplingOptions>;

/** Default bounds, sized for a busy service: 10k traces of ~6 KB each stay well under 64 MiB. */
export const TAIL_DEFAULTS = {
  backgroundRate: 0,
  maxBufferedTraces: 10_000,
  maxObservationsPerTrace: 1_000,
  maxBufferedBytes: 64 * 1024 * 1024,
  maxTraceAgeMs: 300_000,
} as const;

/** Accepts a bare rule or full options and fills the defaults. */
export function resolveTailSampling(option: TailSamplingRule | TailSamplingOptions): ResolvedTailSampling {
  return typeof option === "function" ? { ...TAIL_DEFAULTS, rule: option } : { ...TAIL_DEFAULTS, ...option };
}
