import type { ObservationHandle, TraceHandle } from "tracewise";

/**
 * Most LangChain runs tracked at once by one handler. Runs end when LangChain reports their end or
 * error; the bound keeps memory flat if a host abandons runs (a stream never consumed to the end)
 * across a long-lived shared handler. Runs beyond it are not traced, counted and logged once.
 */
export const MAX_OPEN_RUNS = 20_000;

/** What the handler keeps about one open LangChain run. */
export interface RunState {
  /** The run's observation; non-recording under a dropped trace (then nothing is recorded). */
  readonly observation: ObservationHandle;
  /** Set when this run started the trace: its end also sets the trace's output. */
  readonly trace: TraceHandle | undefined;
  /** Whether the first streamed token was seen (it sets `completionStartTime`, once). */
  firstTokenSeen: boolean;
}

/**
 * Open runs keyed by LangChain `runId`. All state of the handler lives here, per run, so one handler
 * shared by concurrent invocations never mixes them: each run finds its parent by `parentRunId`.
 */
export class RunRegistry {
  private readonly runs = new Map<string, RunState>();

  /** Number of open runs. */
  get size(): number {
    return this.runs.size;
  }

  /** True when no more runs may be added (see {@link MAX_OPEN_RUNS}). */
  get isFull(): boolean {
    return this.runs.size >= MAX_OPEN_RUNS;
  }

  /** True when the run is open. */
  has(runId: string): boolean {
    return this.runs.has(runId);
  }

  /** Registers an open run. */
  add(runId: string, state: RunState): void {
    this.runs.set(runId, state);
  }

  /** The open run, if any. */
  get(runId: string | undefined): RunState | undefined {
    return runId === undefined ? undefined : this.runs.get(runId);
  }

  /** Removes the run and returns it: a run ends once; later ends find nothing. */
  take(runId: string): RunState | undefined {
    const state = this.runs.get(runId);
    if (state !== undefined) this.runs.delete(runId);
    return state;
  }
}
