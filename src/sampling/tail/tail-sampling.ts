import { TracewiseConfigError } from "../../config/config-error";
import { OBSERVATION_LEVELS, type ObservationLevel } from "../../core/records";
import type { TailSamplingOptions, TailSamplingRule, TailTraceInfo } from "./tail-sampling-options";

/** Options of {@link TailSampling.levelOrDuration}. */
export interface LevelOrDurationOptions {
  /** Keep the trace when any observation reaches this level; `null` turns the level rule off. @default "WARNING" */
  readonly level?: ObservationLevel | null;
  /** Keep the trace when it lasts longer than this; `null` turns the duration rule off. @default 5000 */
  readonly durationMs?: number | null;
  /** Absolute rate at which other traces are kept. @default 0 */
  readonly backgroundRate?: number;
}

/** Options of {@link TailSampling.expensive}. */
export interface ExpensiveOptions {
  /** Keep traces whose token total reaches this. */
  readonly minTotalTokens?: number;
  /** Keep traces whose cost total (USD) reaches this. */
  readonly minCostUsd?: number;
  /** Absolute rate at which other traces are kept. @default 0 */
  readonly backgroundRate?: number;
}

function rank(level: ObservationLevel): number {
  return OBSERVATION_LEVELS.indexOf(level);
}

function checkRate(option: string, rate: number | undefined): number {
  const value = rate ?? 0;
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw new TracewiseConfigError(option, rate, "a number from 0 to 1");
  return value;
}

/** Ready-made tail sampling rules (Logfire's `level_or_duration` and friends). */
export const TailSampling = {
  /**
   * Keeps the whole trace when any observation reaches `level` or the trace outlasts `durationMs`;
   * otherwise keeps it with `backgroundRate` (absolute, decided from the trace id).
   *
   * @example
   * ```ts
   * new Tracewise({ tailSampling: TailSampling.levelOrDuration({ level: "WARNING", durationMs: 5000, backgroundRate: 0.01 }) });
   * ```
   */
  levelOrDuration(options: LevelOrDurationOptions = {}): TailSamplingOptions {
    const level = options.level === undefined ? "WARNING" : options.level;
    const durationMs = options.durationMs === undefined ? 5000 : options.durationMs;
    if (level !== null && !OBSERVATION_LEVELS.includes(level)) throw new TracewiseConfigError("levelOrDuration.level", level, `one of ${OBSERVATION_LEVELS.join(", ")} or null`);
    if (durationMs !== null && !(typeof durationMs === "number" && durationMs >= 0)) throw new TracewiseConfigError("levelOrDuration.durationMs", durationMs, "a non-negative number or null");
    const backgroundRate = checkRate("levelOrDuration.backgroundRate", options.backgroundRate);
    const rule: TailSamplingRule = (info: TailTraceInfo) => {
      if (level !== null && rank(info.maxLevel) >= rank(level)) return true;
      if (durationMs !== null && info.durationMs > durationMs) return true;
      return backgroundRate;
    };
    return { rule, backgroundRate };
  },

  /** Keeps traces whose token or cost totals reach a threshold; others with `backgroundRate`. */
  expensive(options: ExpensiveOptions): TailSamplingOptions {
    const backgroundRate = checkRate("expensive.backgroundRate", options.backgroundRate);
    const { minTotalTokens, minCostUsd } = options;
    if (minTotalTokens === undefined && minCostUsd === undefined) throw new TracewiseConfigError("expensive", options, "minTotalTokens or minCostUsd");
    const rule: TailSamplingRule = (info) =>
      (minTotalTokens !== undefined && info.totalTokens >= minTotalTokens) || (minCostUsd !== undefined && info.totalCost >= minCostUsd) ? true : backgroundRate;
    return { rule, backgroundRate };
  },

  /** Keeps a trace when any of the rules keeps it (the highest probability wins). */
  any(...options: readonly TailSamplingOptions[]): TailSamplingOptions {
    const rule: TailSamplingRule = (info) => {
      let best = 0;
      for (const o of options) {
        const verdict = o.rule(info);
        if (verdict === true) return true;
        if (typeof verdict === "number" && verdict > best) best = verdict;
      }
      return best;
    };
    return { rule, backgroundRate: Math.max(0, ...options.map((o) => o.backgroundRate ?? 0)) };
  },
} as const;
