/**
 * The resource and instrumentation scope of every OTLP request, and the body envelope that wraps the
 * spans of a batch.
 *
 * @module
 */
import type { ExporterContext } from "../exporter";
import { type OtlpAttribute, stringAttr } from "./otlp-json";

/**
 * Scope name towards Langfuse. Langfuse copies every span attribute into `metadata.attributes` unless
 * the scope name starts with `langfuse-sdk`; our attributes are already mapped, so the copy would only
 * duplicate them. `langfuse-sdk-tracewise` is not the exact `langfuse-sdk` of the old-Python override.
 */
export const LANGFUSE_SCOPE_NAME = "langfuse-sdk-tracewise";

/** Scope name towards any other OTLP backend. */
export const OTLP_SCOPE_NAME = "tracewise";

/**
 * Resource attributes: service name and version, the SDK, and environment/release, which Langfuse
 * reads from the resource when a span does not set them.
 */
export function resourceAttributes(context: Pick<ExporterContext, "sdk" | "resource">): OtlpAttribute[] {
  const { resource, sdk } = context;
  const out: OtlpAttribute[] = [
    stringAttr("service.name", resource.serviceName),
    stringAttr("telemetry.sdk.language", "nodejs"),
    stringAttr("telemetry.sdk.name", sdk.name),
    stringAttr("telemetry.sdk.version", sdk.version),
  ];
  if (resource.version !== undefined) out.push(stringAttr("service.version", resource.version));
  if (resource.environment !== undefined) out.push(stringAttr("deployment.environment.name", resource.environment));
  if (resource.release !== undefined) out.push(stringAttr("langfuse.release", resource.release));
  return out;
}

/** The text around a batch's spans: `prefix + spans.join(",") + suffix` is an `ExportTraceServiceRequest`. */
export interface OtlpEnvelope {
  readonly prefix: string;
  readonly suffix: string;
}

/** Builds the envelope once per exporter: the resource and scope never change. */
export function otlpEnvelope(context: Pick<ExporterContext, "sdk" | "resource">, scopeName: string): OtlpEnvelope {
  const resource = JSON.stringify({ attributes: resourceAttributes(context) });
  const scope = JSON.stringify({ name: scopeName, version: context.sdk.version });
  return {
    prefix: `{"resourceSpans":[{"resource":${resource},"scopeSpans":[{"scope":${scope},"spans":[`,
    suffix: "]}]}]}",
  };
}
