/**
 * Tracewise for the OpenAI Agents SDK: `addTraceProcessor(new TracewiseAgentsProcessor())` records
 * every agent run, model call, tool, handoff and guardrail.
 *
 * @packageDocumentation
 */

export { TracewiseAgentsProcessor, MAX_OPEN_SPANS } from "./tracewise-processor";
export type { TracewiseAgentsProcessorOptions, AgentsTrace, AgentsSpan } from "./tracewise-processor";
export type { SpanData } from "./span-mapping";
