/**
 * `tracewise/otel`: Tracewise as an OpenTelemetry citizen. A span processor and a sampler that take
 * the app's OpenTelemetry spans (the Vercel AI SDK's, GenAI instrumentations', HTTP and database
 * spans) into Tracewise, and a bridge that shares trace identity with the app's tracer (Sentry,
 * Next.js, any APM). Needs `@opentelemetry/api` (an optional peer of `tracewise`).
 *
 * @packageDocumentation
 */

export { TracewiseSpanProcessor } from "./span-processor";
export type { TracewiseSpanProcessorOptions } from "./span-processor";
export { TracewiseSampler } from "./tracewise-sampler";
export type { TracewiseSamplerOptions, OtelSamplingResult } from "./tracewise-sampler";
export { installOtelBridge, uninstallOtelBridge } from "./otel-bridge";
export type { OtelBridgeOptions } from "./otel-bridge";
export { GEN_AI_SEMCONV_VERSION } from "./gen-ai-mapping";
export type { ModelPrices, TokenPrices } from "./model-prices";
export type { OtelReadableSpan, OtelSpanProcessor } from "./otel-span";
