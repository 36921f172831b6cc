import { SpanStatusCode } from "@opentelemetry/api";
import type { EndObservationOptions, ObservationType } from "tracewise";
import { aiObservationType, aiOperationOf, aiSdkFields } from "./ai-sdk-mapping";
import { genAiFields, genAiObservationType } from "./gen-ai-mapping";
import { costOf, type ModelPrices } from "./model-prices";
import { hrTimeToMs, type Attributes, type OtelReadableSpan } from "./otel-span";
import type { MappedFields } from "./span-fields";

/** Which convention a span follows, and so how it maps. */
export type SpanConvention = "ai-sdk" | "gen-ai" | "plain";

/** How a span maps: decided at its start (an observation's type is fixed when it starts). */
export interface SpanKindInfo {
  readonly convention: SpanConvention;
  readonly type: ObservationType;
}

/** The convention and observation type of a span, from its name and start attributes. */
export function classifySpan(name: string, attributes: Attributes): SpanKindInfo {
  const operation = aiOperationOf(name, attributes);
  if (operation !== undefined) return { convention: "ai-sdk", type: aiObservationType(operation) };
  const genAi = genAiObservationType(attributes);
  if (genAi !== undefined) return { convention: "gen-ai", type: genAi };
  return { convention: "plain", type: "span" };
}

/**
 * The fields a finished span ends its observation with: what its convention maps, the cost from the
 * user's prices, ERROR level from an error status, the other attributes as metadata, and its end time.
 */
export function endFieldsOf(span: OtelReadableSpan, info: SpanKindInfo, prices: ModelPrices | undefined): EndObservationOptions {
  const attributes = span.attributes;
  const startMs = hrTimeToMs(span.startTime);
  const mapped: MappedFields =
    info.convention === "ai-sdk" ? aiSdkFields(info.type, startMs, attributes) : info.convention === "gen-ai" ? genAiFields(info.type, startMs, attributes) : { consumed: [] };
  const out: EndObservationOptions = { endTime: hrTimeToMs(span.endTime) };
  if (mapped.input !== undefined) out.input = mapped.input;
  if (mapped.output !== undefined) out.output = mapped.output;
  if (mapped.model !== undefined) out.model = mapped.model;
  if (mapped.modelParameters !== undefined) out.modelParameters = mapped.modelParameters;
  if (mapped.usageDetails !== undefined) {
    out.usageDetails = mapped.usageDetails;
    const cost = costOf(mapped.usageDetails, prices, [mapped.model]);
    if (cost !== undefined) out.costDetails = cost;
  }
  if (mapped.completionStartTime !== undefined) out.completionStartTime = mapped.completionStartTime;
  if (span.status.code === SpanStatusCode.ERROR) {
    out.level = "ERROR";
    out.statusMessage = span.status.message ?? exceptionMessage(span) ?? "error";
  }
  const rest: Record<string, unknown> = {};
  const consumed = new Set(mapped.consumed);
  for (const key of Object.keys(attributes)) if (!consumed.has(key)) rest[key] = attributes[key];
  const metadata: Record<string, unknown> = { ...mapped.metadata };
  if (Object.keys(rest).length > 0) metadata.attributes = rest;
  if (span.instrumentationScope !== undefined) metadata.scope = span.instrumentationScope.name;
  if (Object.keys(metadata).length > 0) out.metadata = metadata;
  return out;
}

/** The message of the span's first `exception` event, if any. */
function exceptionMessage(span: OtelReadableSpan): string | undefined {
  const event = span.events?.find((e) => e.name === "exception");
  const message = event?.attributes?.["exception.message"];
  return typeof message === "string" ? message : undefined;
}
