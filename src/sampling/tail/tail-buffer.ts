import type { Clock } from "../../core/clock";
import type { ExportRecord, ObservationRecord, ScoreRecord, TraceSnapshot } from "../../core/records";
import type { TraceState } from "../../core/trace-state";
import type { Counters } from "../../diag/counters";
import type { ErrorSink } from "../../diag/error-sink";
import type { HoldingStage } from "../../pipeline/export-pipeline";
import { keepsWith, randomnessOf, thresholdFor } from "../consistent-probability";
import { readOt, withThreshold } from "../tracestate";
import type { ResolvedTailSampling } from "./tail-sampling-options";
import { hold, infoOf, newHeldTrace, type HeldTrace } from "./trace-summary";

/** Why a trace was decided before its root ended (counted as `tail.overflow.<bound>`). */
type Bound = "traces" | "observations" | "bytes" | "age" | "shutdown";

/**
 * Tail sampling: holds the finished records of each kept-by-head trace until the rule keeps it (the
 * held records are released and the rest of the trace passes straight through) or its local root ends
 * (a final evaluation; a discarded trace leaves nothing). Every bound, when hit, decides the affected
 * trace at once by the final-evaluation rule — keep if the rule fires or the trace's randomness passes
 * the returned probability, otherwise discard — and counts it.
 */
export class TailBuffer implements HoldingStage {
  private readonly held = new Map<TraceState, HeldTrace>();
  private readonly decided = new WeakMap<TraceState, boolean>();
  private bytes = 0;

  /**
   * @param options - the rule and its bounds.
   * @param clock - for durations and ages.
   * @param counters - `traces.kept.*`, `traces.dropped.tail`, `tail.*`.
   * @param errors - where a throwing rule is reported.
   */
  constructor(
    private readonly options: ResolvedTailSampling,
    private readonly clock: Clock,
    private readonly counters: Counters,
    private readonly errors: ErrorSink,
  ) {}

  onTraceStart(trace: TraceState): readonly ExportRecord[] {
    this.held.set(trace, newHeldTrace(this.clock.now()));
    const out: ExportRecord[] = [];
    this.enforceBounds(out);
    return out;
  }

  onObservationEnd(record: ObservationRecord, trace: TraceState): readonly ExportRecord[] {
    const out: ExportRecord[] = [];
    const verdict = this.decided.get(trace);
    if (verdict !== undefined) {
      if (verdict) out.push(record);
      else this.counters.add("observations.dropped.tail");
    } else {
      const held = this.held.get(trace);
      if (held === undefined) out.push(record);
      else {
        this.add(held, record);
        if (this.evaluate(trace, held, false, record)) out.push(...this.settle(trace, held, true));
        else if (held.observationCount > this.options.maxObservationsPerTrace) out.push(...this.force(trace, held, "observations"));
      }
    }
    this.enforceBounds(out);
    return out;
  }

  onTraceEnd(trace: TraceState): readonly ExportRecord[] {
    const held = this.held.get(trace);
    if (held === undefined) return [];
    return this.settle(trace, held, this.evaluate(trace, held, true, undefined));
  }

  onScore(record: ScoreRecord, trace: TraceState | undefined): readonly ExportRecord[] {
    if (trace === undefined) return [record];
    const verdict = this.decided.get(trace);
    if (verdict === true) return [record];
    const held = this.held.get(trace);
    if (verdict === false || held === undefined) {
      if (verdict === false) this.counters.add("scores.dropped");
      return verdict === false ? [] : [record];
    }
    this.add(held, record);
    return [];
  }

  /** Decides every held trace now (at shutdown) and returns what is kept. */
  drain(): ExportRecord[] {
    const out: ExportRecord[] = [];
    for (const [trace, held] of [...this.held]) out.push(...this.force(trace, held, "shutdown"));
    return out;
  }

  private add(held: HeldTrace, record: ExportRecord): void {
    this.bytes += hold(held, record, this.options.maxObservationsPerTrace);
    this.counters.add("tail.buffered");
  }

  /** Runs the rule; true = keep now. A rule that throws is reported and treated as "not yet". */
  private evaluate(trace: TraceState, held: HeldTrace, rootEnded: boolean, last: ObservationRecord | undefined): boolean {
    const snapshot = trace.snapshot;
    let verdict: number | boolean;
    try {
      verdict = this.options.rule(infoOf(held, snapshot.id, snapshot.name ?? "", snapshot.metadata, snapshot.sampleRate, rootEnded, this.clock.now(), last));
    } catch (error) {
      this.errors.report("tail sampling rule", error);
      return false;
    }
    if (verdict === true) return true;
    if (typeof verdict !== "number" || !(verdict > 0)) return false;
    const keep = keepsWith(readOt(snapshot.tracestate).rv ?? randomnessOf(snapshot.id), thresholdFor(Math.min(1, verdict)));
    if (keep && verdict < snapshot.sampleRate) this.lowerRate(trace, verdict);
    return keep;
  }

  /** A trace kept by a background rate below its head rate represents 1/rate traces. */
  private lowerRate(trace: TraceState, rate: number): void {
    const tracestate = withThreshold(trace.snapshot.tracestate, thresholdFor(rate));
    const next: TraceSnapshot = { ...trace.snapshot, sampleRate: rate, ...(tracestate === undefined ? {} : { tracestate }) };
    trace.snapshot = next;
  }

  private settle(trace: TraceState, held: HeldTrace, keep: boolean): ExportRecord[] {
    this.held.delete(trace);
    this.bytes -= held.bytes;
    this.decided.set(trace, keep);
    trace.tracer.rememberDecision(trace.id, keep);
    if (!keep) {
      this.counters.add("traces.dropped");
      this.counters.add("traces.dropped.tail");
      for (const r of held.records) this.counters.add(r.kind === "score" ? "scores.dropped" : "observations.dropped.tail");
      return [];
    }
    this.counters.add("traces.kept");
    this.counters.add(`traces.kept.${trace.reason}`);
    const snapshot = trace.snapshot;
    return held.records.map((r) => (r.kind === "observation" && r.trace !== snapshot ? { ...r, trace: { ...r.trace, sampleRate: snapshot.sampleRate, ...(snapshot.tracestate === undefined ? {} : { tracestate: snapshot.tracestate }) } } : r));
  }

  private force(trace: TraceState, held: HeldTrace, bound: Bound): ExportRecord[] {
    this.counters.add(`tail.overflow.${bound}`);
    return this.settle(trace, held, this.evaluate(trace, held, true, undefined));
  }

  private enforceBounds(out: ExportRecord[]): void {
    const { maxBufferedTraces, maxBufferedBytes, maxTraceAgeMs } = this.options;
    const now = this.clock.now();
    for (const [trace, held] of this.held) {
      const bound: Bound | undefined =
        this.held.size > maxBufferedTraces ? "traces" : this.bytes > maxBufferedBytes ? "bytes" : now - held.startedAt > maxTraceAgeMs ? "age" : undefined;
      if (bound === undefined) break;
      out.push(...this.force(trace, held, bound));
    }
  }
}
