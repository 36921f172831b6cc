import type { AttributeValue, Attributes, Context, HrTime, SpanContext, SpanStatus } from "@opentelemetry/api";

/*
 * The parts of `@opentelemetry/sdk-trace-base` spans that Tracewise reads, as structural types: the
 * bridge depends on `@opentelemetry/api` only (an optional peer), whatever SDK version the app has.
 */

/** A span as a span processor sees it (the SDK's `ReadableSpan`, the part read here). */
export interface OtelReadableSpan {
  readonly name: string;
  readonly kind: number;
  spanContext(): SpanContext;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly status: SpanStatus;
  readonly attributes: Attributes;
  readonly events?: readonly { readonly name: string; readonly time: HrTime; readonly attributes?: Attributes }[];
  readonly instrumentationScope?: { readonly name: string; readonly version?: string };
}

/** The SDK's `SpanProcessor` interface. */
export interface OtelSpanProcessor {
  onStart(span: OtelReadableSpan, parentContext: Context): void;
  onEnd(span: OtelReadableSpan): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The SDK's `SamplingDecision` values. */
export const SAMPLING_DECISION = { NOT_RECORD: 0, RECORD: 1, RECORD_AND_SAMPLED: 2 } as const;

export type { AttributeValue, Attributes, Context, HrTime };

/** Epoch milliseconds (fractional) of an OpenTelemetry `HrTime` ([seconds, nanoseconds]). */
export function hrTimeToMs(time: HrTime): number {
  return time[0] * 1000 + time[1] / 1e6;
}
