import { getClient, getCurrentObservation, type ObservationHandle, type TraceOptions, type Tracewise } from "tracewise";
import type { RecordingObservation } from "../core/recording-observation";
import { formatTraceparent } from "../core/w3c";
import { innermostParent } from "./innermost-parent";
import type { ModelPrices } from "./model-prices";
import { installOtelBridge, report, type OtelBridgeOptions } from "./otel-bridge";
import { hrTimeToMs, type Context, type OtelReadableSpan, type OtelSpanProcessor } from "./otel-span";
import { takeHandOff } from "./sampling-handoff";
import { classifySpan, endFieldsOf, type SpanKindInfo } from "./span-mapping";
import { forgetSpan, noteSpanProcessor, observationOf, setObservationOf } from "./span-registry";

/** Options of {@link TracewiseSpanProcessor}. */
export interface TracewiseSpanProcessorOptions extends OtelBridgeOptions {
  /** The client whose sampling, masking and exporters the spans go through. @default the global client */
  client?: Tracewise;
  /** Prices in USD per million tokens by model, to compute the cost of generations. @default none: the backend prices them */
  modelPrices?: ModelPrices;
  /** Install the context bridge ({@link installOtelBridge}) with these options. @default true */
  installBridge?: boolean;
}

/**
 * An OpenTelemetry span processor that takes the app's spans into Tracewise: each span becomes an
 * observation (same trace id and span id) that goes through Tracewise's sampling, masking and
 * exporters. Spans following the GenAI semantic conventions or the Vercel AI SDK's `ai.*` attributes
 * become generations, tools and embeddings with model, parameters, messages, usage, cost and time to
 * first token; other spans stay spans. Add it to the app's own tracer provider, next to its exporters;
 * with {@link TracewiseSampler} as that provider's sampler both make one decision per trace.
 *
 * A span becomes an observation when it starts, under the innermost parent of either tracer (an
 * observed call, or a span taken in), and is handed on once, when it ends; a trace Tracewise dropped
 * records nothing. `forceFlush()` flushes the client; `shutdown()` flushes too but leaves the client
 * running (it may serve more than this provider): shut the client down yourself.
 *
 * @example
 * ```ts
 * import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
 * import { TracewiseSampler, TracewiseSpanProcessor } from "tracewise/otel";
 * new NodeTracerProvider({ sampler: new TracewiseSampler(), spanProcessors: [new TracewiseSpanProcessor()] }).register();
 * ```
 */
export class TracewiseSpanProcessor implements OtelSpanProcessor {
  private readonly client: Tracewise | undefined;
  private readonly prices: ModelPrices | undefined;
  /** How each live span maps, decided at its start. */
  private readonly kinds = new WeakMap<object, SpanKindInfo>();

  /** @param options - see {@link TracewiseSpanProcessorOptions}. */
  constructor(options: TracewiseSpanProcessorOptions = {}) {
    this.client = options.client;
    this.prices = options.modelPrices;
    noteSpanProcessor();
    if (options.installBridge ?? true) installOtelBridge(options);
  }

  onStart(span: OtelReadableSpan, parentContext: Context): void {
    try {
      const info = classifySpan(span.name, span.attributes);
      const observation = this.start(span, parentContext, info);
      setObservationOf(span, observation);
      if (observation.isRecording) this.kinds.set(span, info);
    } catch (error) {
      report("otel span start", error);
    }
  }

  onEnd(span: OtelReadableSpan): void {
    try {
      const observation = observationOf(span);
      const info = this.kinds.get(span);
      forgetSpan(span);
      this.kinds.delete(span);
      if (observation === undefined || info === undefined) return;
      observation.end(endFieldsOf(span, info, this.prices));
    } catch (error) {
      report("otel span end", error);
    }
  }

  async forceFlush(): Promise<void> {
    await (this.client ?? getClient()).flush();
  }

  async shutdown(): Promise<void> {
    await (this.client ?? getClient()).flush();
  }

  private start(span: OtelReadableSpan, parentContext: Context, info: SpanKindInfo): ObservationHandle {
    const sc = span.spanContext();
    const startTime = hrTimeToMs(span.startTime);
    const parent = innermostParent(parentContext, getCurrentObservation());
    if (parent?.observation !== undefined) {
      if (!parent.observation.isRecording) return parent.observation;
      // Recording handles are RecordingObservations: the core opens the child with the span's own id.
      const recording = parent.observation as unknown as RecordingObservation;
      return recording.trace.tracer.openChild(recording, info.type, span.name, startTime, sc.spanId);
    }
    const tw = this.client ?? getClient();
    const options: TraceOptions = { id: sc.traceId, name: span.name, startTime, asType: info.type };
    const parentSpan = parent?.spanContext;
    if (parentSpan !== undefined) {
      options.traceparent = formatTraceparent(parentSpan.traceId, parentSpan.spanId, (parentSpan.traceFlags & 1) === 1);
      const tracestate = parentSpan.traceState?.serialize();
      if (tracestate) options.tracestate = tracestate;
    }
    const outcome = takeHandOff(sc.traceId);
    return tw.tracer.startTrace(options, outcome === undefined ? { rootId: sc.spanId } : { rootId: sc.spanId, outcome });
  }
}
