import { getClient, getCurrentObservation, type ObservationHandle, type TraceHandle, type Tracewise } from "tracewise";
import { asRecord } from "../shared/read-fields";
import { spanEnd, spanStart, type SpanData } from "./span-mapping";

/** The parts of an Agents SDK `Trace` this reads. */
export interface AgentsTrace {
  readonly traceId: string;
  readonly name: string;
  readonly groupId?: string | null;
  readonly metadata?: Record<string, unknown>;
}

/** The parts of an Agents SDK `Span` this reads. */
export interface AgentsSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId: string | null;
  readonly spanData: SpanData;
  readonly error: unknown;
}

/** Options of {@link TracewiseAgentsProcessor}. */
export interface TracewiseAgentsProcessorOptions {
  /** The client that records runs starting their own trace. @default the global client (`getClient()`) */
  client?: Tracewise;
  /** Parent of every run. @default the current observation when the run starts; else the run starts a trace */
  parent?: ObservationHandle | TraceHandle;
}

/**
 * Most runs and spans open at once; past it, new ones are not recorded (counted as
 * `openai-agents.spans.dropped`), so a processor whose spans never end cannot grow without bound.
 */
export const MAX_OPEN_SPANS = 10_000;

/** A run or span: its observation, or null when its trace was dropped by sampling. */
type Open = ObservationHandle | null;

/**
 * A trace processor for the OpenAI Agents SDK (`@openai/agents`) that records its runs with
 * Tracewise: each Agents trace (a run, or a `withTrace` workflow) is a `chain` observation, nested
 * under the current `observe()`d call or starting a Tracewise trace, whose sampling then decides for
 * the whole run; its spans nest under it: agents as `agent`, model calls (`response`, `generation`)
 * as generations with input, output, model and usage, function tools as `tool`, guardrails as
 * `guardrail` (WARNING when tripped), handoffs and custom spans as spans; a span's error is level
 * ERROR. Never throws into the SDK.
 *
 * @example
 * ```ts
 * import { addTraceProcessor, Agent, run } from "@openai/agents";
 * import { TracewiseAgentsProcessor } from "tracewise/agents";
 *
 * addTraceProcessor(new TracewiseAgentsProcessor());   // or setTraceProcessors([...]) to replace OpenAI's exporter
 * await run(new Agent({ name: "Assistant", instructions: "Be brief." }), "Hello");
 * ```
 */
export class TracewiseAgentsProcessor {
  private readonly open = new Map<string, Open>();

  constructor(private readonly options: TracewiseAgentsProcessorOptions = {}) {}

  onTraceStart(trace: AgentsTrace): Promise<void> {
    this.guard("trace start", () => {
      if (!this.hasRoom()) return;
      const metadata = { ...asRecord(trace.metadata), ...(trace.groupId ? { groupId: trace.groupId } : {}), agentsTraceId: trace.traceId };
      const given = this.options.parent;
      const parent = given === undefined ? getCurrentObservation() : "root" in given ? given.root : given;
      if (parent !== undefined) {
        this.open.set(trace.traceId, parent.isRecording ? parent.startObservation({ name: trace.name, asType: "chain", metadata }) : null);
        return;
      }
      const root = this.client().trace({ name: trace.name, asType: "chain", metadata, ...(trace.groupId ? { sessionId: trace.groupId } : {}) }).root;
      this.open.set(trace.traceId, root.isRecording ? root : null);
    });
    return Promise.resolve();
  }

  onTraceEnd(trace: AgentsTrace): Promise<void> {
    this.guard("trace end", () => {
      const observation = this.open.get(trace.traceId);
      this.open.delete(trace.traceId);
      observation?.end();
    });
    return Promise.resolve();
  }

  onSpanStart(span: AgentsSpan): Promise<void> {
    this.guard("span start", () => {
      const parent = this.open.get(span.parentId ?? span.traceId) ?? this.open.get(span.traceId);
      if (parent === undefined) return;
      if (parent === null || !this.hasRoom()) {
        this.open.set(span.spanId, null);
        return;
      }
      this.open.set(span.spanId, parent.startObservation(spanStart(span.spanData)));
    });
    return Promise.resolve();
  }

  onSpanEnd(span: AgentsSpan): Promise<void> {
    this.guard("span end", () => {
      const observation = this.open.get(span.spanId);
      this.open.delete(span.spanId);
      if (observation === undefined || observation === null) return;
      let fields;
      try {
        fields = spanEnd(span.spanData, span.error);
      } catch (error) {
        this.report("span data", error);
        fields = {};
      }
      observation.end(fields);
    });
    return Promise.resolve();
  }

  /** Flushes the Tracewise client (the Agents SDK calls this on `forceFlush` and at exit). */
  async forceFlush(): Promise<void> {
    try {
      await this.client().flush();
    } catch (error) {
      this.report("flush", error);
    }
  }

  /** Flushes; the Tracewise client itself stays up (it is shared with the rest of the app). */
  shutdown(): Promise<void> {
    return this.forceFlush();
  }

  private hasRoom(): boolean {
    if (this.open.size < MAX_OPEN_SPANS) return true;
    try {
      this.client().tracer.counters.add("openai-agents.spans.dropped");
    } catch {
      // Counting must never reach the SDK.
    }
    return false;
  }

  private client(): Tracewise {
    return this.options.client ?? getClient();
  }

  private guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.report(where, error);
    }
  }

  private report(where: string, error: unknown): void {
    try {
      this.client().tracer.errors.report(`openai-agents ${where}`, error);
    } catch {
      // Reporting must never reach the SDK.
    }
  }
}
