import { createTraceState, type Attributes, type Context, type Link, type SpanKind } from "@opentelemetry/api";
import { getClient, getCurrentObservation, type Tracewise } from "tracewise";
import type { SamplingInput } from "../sampling/sampling-decision";
import { innermostParent } from "./innermost-parent";
import { report } from "./otel-bridge";
import { SAMPLING_DECISION } from "./otel-span";
import { handOff } from "./sampling-handoff";

/** Options of {@link TracewiseSampler}. */
export interface TracewiseSamplerOptions {
  /** The client whose sampler decides. @default the global client */
  client?: Tracewise;
}

/** What `Sampler.shouldSample` returns (the SDK's `SamplingResult`). */
export interface OtelSamplingResult {
  decision: 0 | 1 | 2;
  traceState?: ReturnType<typeof createTraceState>;
}

/**
 * An OpenTelemetry `Sampler` that makes Tracewise's decision, for the tracer provider that
 * {@link TracewiseSpanProcessor} feeds: a new trace is decided by the client's `tracesSampler`,
 * `sampler` and `sampleRate` exactly once (the processor starts the Tracewise trace with that
 * decision), a span under a local parent follows it, and a span inside an observed call follows that
 * call's trace. A kept trace carries `ot=th:…` in its tracestate as Tracewise's do.
 */
export class TracewiseSampler {
  private readonly client: Tracewise | undefined;

  /** @param options - see {@link TracewiseSamplerOptions}. */
  constructor(options: TracewiseSamplerOptions = {}) {
    this.client = options.client;
  }

  shouldSample(context: Context, traceId: string, spanName: string, _kind?: SpanKind, _attributes?: Attributes, _links?: Link[]): OtelSamplingResult {
    try {
      const parent = innermostParent(context, getCurrentObservation());
      if (parent?.observation !== undefined) return { decision: parent.observation.sampled ? SAMPLING_DECISION.RECORD_AND_SAMPLED : SAMPLING_DECISION.NOT_RECORD };
      const parentSpan = parent?.spanContext;
      if (parentSpan !== undefined && parentSpan.isRemote !== true) {
        const result: OtelSamplingResult = { decision: (parentSpan.traceFlags & 1) === 1 ? SAMPLING_DECISION.RECORD_AND_SAMPLED : SAMPLING_DECISION.NOT_RECORD };
        if (parentSpan.traceState !== undefined) result.traceState = parentSpan.traceState;
        return result;
      }
      const input: { -readonly [K in keyof SamplingInput]: SamplingInput[K] } = { traceId, name: spanName };
      if (parentSpan !== undefined) {
        const tracestate = parentSpan.traceState?.serialize();
        input.parent = { traceId: parentSpan.traceId, spanId: parentSpan.spanId, sampled: (parentSpan.traceFlags & 1) === 1, ...(tracestate ? { tracestate } : {}) };
      }
      const tracer = (this.client ?? getClient()).tracer;
      const outcome = tracer.decide(input);
      if (!outcome.sampled) {
        // Counted as Tracewise counts every trace it drops; the SDK starts no span, so nothing else will.
        tracer.startTrace({ id: traceId, name: spanName }, { outcome });
        return { decision: SAMPLING_DECISION.NOT_RECORD };
      }
      handOff(traceId, outcome);
      return outcome.tracestate === undefined
        ? { decision: SAMPLING_DECISION.RECORD_AND_SAMPLED }
        : { decision: SAMPLING_DECISION.RECORD_AND_SAMPLED, traceState: createTraceState(outcome.tracestate) };
    } catch (error) {
      report("otel sampler", error);
      return { decision: SAMPLING_DECISION.RECORD_AND_SAMPLED };
    }
  }

  toString(): string {
    return `TracewiseSampler{${(this.client ?? getClient()).config.sampler.toString()}}`;
  }
}
