import {
  getClient,
  getCurrentObservation,
  type EndObservationOptions,
  type ModelParameters,
  type ObservationHandle,
  type ObservationType,
  type Tracewise,
} from "tracewise";
import type { ResolvedHandlerOptions } from "./handler-options";
import { promptLinkOf, type PromptLink } from "./prompt-link";
import { MAX_OPEN_RUNS, RunRegistry, type RunState } from "./run-registry";
import { levelForTags } from "./run-naming";
import { hasTraceAttributes, observationMetadata, traceAttributes } from "./trace-attributes";

/** The data of a run, computed only when the run is recorded (never under a dropped trace). */
export interface RunData {
  input: unknown;
  model?: string;
  modelParameters?: ModelParameters;
}

/** A LangChain run starting, as the handler's callbacks describe it. */
export interface RunStart {
  runId: string;
  parentRunId: string | undefined;
  name: string;
  type: ObservationType;
  tags: readonly string[] | undefined;
  metadata: Record<string, unknown> | undefined;
  /** Called at most once, and only when the run is recorded. */
  data: () => RunData;
}

/**
 * Turns LangChain run starts and ends into observations. A run whose parent run is open becomes
 * that run's child; a top-level run (no open parent) nests under the handler's `parent` or the
 * current observation, captured now, because LangChain may call later callbacks outside the
 * caller's async context; with neither, it starts a trace.
 */
export class RunTracker {
  private readonly registry = new RunRegistry();
  /**
   * Prompts linked by a prompt run (`metadata.langfusePrompt` on a prompt template), by its parent
   * run: the generation that follows under the same parent is linked to it. Entries go when the
   * parent ends, so there are never more than open runs.
   */
  private readonly promptsByParent = new Map<string, PromptLink>();

  /** @param options - the handler's resolved options. */
  constructor(private readonly options: ResolvedHandlerOptions) {}

  /** Starts the run's observation. A second start of the same run id is ignored. */
  start(run: RunStart): void {
    if (this.registry.has(run.runId)) return;
    if (this.registry.isFull) {
      this.overflow();
      return;
    }
    const parent = this.registry.get(run.parentRunId);
    const state = parent === undefined ? this.startTopLevel(run) : this.startChild(parent.observation, run);
    this.registry.add(run.runId, state);
    this.linkPrompt(run, state.observation);
  }

  /** A generation gets the prompt of its own metadata, or the one a prompt run before it registered. */
  private linkPrompt(run: RunStart, observation: ObservationHandle): void {
    const own = promptLinkOf(run.metadata);
    if (run.type !== "generation") {
      if (own !== undefined && run.parentRunId !== undefined && this.registry.has(run.parentRunId)) this.promptsByParent.set(run.parentRunId, own);
      return;
    }
    const prompt = own ?? (run.parentRunId === undefined ? undefined : this.promptsByParent.get(run.parentRunId));
    if (prompt !== undefined && observation.isRecording) observation.update(prompt);
  }

  /** Records the first streamed token's time, once per run. */
  firstToken(runId: string): void {
    const state = this.registry.get(runId);
    if (state === undefined || state.firstTokenSeen) return;
    state.firstTokenSeen = true;
    if (state.observation.isRecording) state.observation.update({ completionStartTime: this.client().tracer.clock.now() });
  }

  /** Records an event (an agent action or finish) under an open run. */
  event(runId: string, name: string, fields: () => { input?: unknown; output?: unknown }): void {
    const state = this.registry.get(runId);
    if (state?.observation.isRecording === true) state.observation.event({ name, ...this.attempt("event", fields, {}) });
  }

  /** Ends the run (once); the run that started the trace also sets the trace's output. */
  end(runId: string, fields: () => EndObservationOptions): void {
    this.promptsByParent.delete(runId);
    const state = this.registry.take(runId);
    if (state === undefined || !state.observation.isRecording) return;
    // A value that cannot be mapped must not leave the observation open: it ends without it.
    const end = this.attempt("end", fields, {});
    if (state.trace === undefined) state.observation.end(end);
    else state.trace.end(end);
  }

  /** Reports a failure of the handler itself; never throws. */
  report(where: string, error: unknown): void {
    try {
      this.client().tracer.errors.report(`langchain ${where}`, error);
    } catch {
      // Reporting must never fail LangChain's callback.
    }
  }

  private startChild(parent: ObservationHandle, run: RunStart, extraMetadata?: Record<string, unknown>): RunState {
    if (!parent.isRecording) return { observation: parent, trace: undefined, firstTokenSeen: false };
    const data = this.attempt("start", run.data, { input: undefined });
    const observation = parent.startObservation({
      name: run.name,
      asType: run.type,
      ...definedFields(data, run, extraMetadata),
    });
    return { observation, trace: undefined, firstTokenSeen: false };
  }

  private startTopLevel(run: RunStart): RunState {
    const parent = this.options.parent ?? getCurrentObservation();
    if (parent !== undefined) {
      // Nested in the caller's trace: LangChain's own tags stay on the run, not on the caller's trace.
      const attributes = traceAttributes(this.options, undefined, run.metadata);
      if (parent.isRecording && hasTraceAttributes(attributes)) parent.updateTrace(attributes);
      return this.startChild(parent, run, this.options.metadata);
    }
    const trace = this.client().trace({
      name: this.options.traceName ?? run.name,
      asType: run.type,
      ...traceAttributes(this.options, run.tags, run.metadata),
      ...(this.options.metadata === undefined ? {} : { metadata: this.options.metadata }),
    });
    if (!trace.root.isRecording) return { observation: trace.root, trace: undefined, firstTokenSeen: false };
    const data = this.attempt("start", run.data, { input: undefined });
    if (data.input !== undefined) trace.update({ input: data.input });
    trace.root.update(definedFields({ ...data, input: undefined }, run, this.options.metadata));
    return { observation: trace.root, trace, firstTokenSeen: false };
  }

  /** Runs a mapping; on failure reports it and returns `fallback`, so the observation still starts or ends. */
  private attempt<T>(where: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (error) {
      this.report(`${where} mapping`, error);
      return fallback;
    }
  }

  private client(): Tracewise {
    return this.options.client ?? getClient();
  }

  private overflow(): void {
    const tracer = this.client().tracer;
    tracer.counters.add("langchain.runs.dropped");
    tracer.logger.once("warn", "langchain-open-runs", `more than ${MAX_OPEN_RUNS} LangChain runs open at once in one CallbackHandler; further runs are not traced`);
  }
}

/** The observation fields of a run, without undefined values (`exactOptionalPropertyTypes`). */
function definedFields(data: Partial<RunData>, run: RunStart, extraMetadata: Record<string, unknown> | undefined) {
  const metadata = observationMetadata(run.metadata, run.tags, extraMetadata);
  const level = levelForTags(run.tags);
  return {
    ...(data.input === undefined ? {} : { input: data.input }),
    ...(data.model === undefined ? {} : { model: data.model }),
    ...(data.modelParameters === undefined ? {} : { modelParameters: data.modelParameters }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(level === undefined ? {} : { level }),
  };
}
