/**
 * The trace-level fields a span carries (Langfuse OTLP §1): trace name, user, session, tags, public,
 * release, version, environment, trace metadata and input/output, and the sampling probability. Any
 * span may carry them; the store merges them so the latest non-empty value wins.
 *
 * @module
 */
import type { TraceWrite } from "../store/rows";
import { asObject, type Attributes, firstPresent, firstString, parseTags, withPrefix } from "./attribute-readers";
import { normalizeEnvironment } from "./level-and-environment";
import type { OtlpSpan } from "./otlp-span";
import { spanSampleRate } from "./sample-rate";

function metadataKey(attrs: Attributes, key: string): string | undefined {
  const prefixes = ["langfuse.observation.metadata.", "langfuse.trace.metadata.", "ai.telemetry.metadata."];
  return firstString(attrs, ...prefixes.map((prefix) => prefix + key));
}

function traceMetadata(attrs: Attributes): Record<string, unknown> | undefined {
  const out = { ...asObject(attrs["langfuse.trace.metadata"]), ...withPrefix(attrs, "langfuse.trace.metadata") };
  return Object.keys(out).length > 0 ? out : undefined;
}

function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** The trace fields carried by one span (only what it actually carries). */
export function spanTraceFields(span: OtlpSpan): TraceWrite {
  const attrs = span.attributes;
  const name = firstString(attrs, "langfuse.trace.name");
  const userId =
    firstString(attrs, "langfuse.user.id", "user.id") ?? metadataKey(attrs, "langfuse_user_id") ?? firstString(attrs, "ai.telemetry.metadata.userId");
  const sessionId =
    firstString(attrs, "langfuse.session.id", "session.id", "gen_ai.conversation.id") ??
    metadataKey(attrs, "langfuse_session_id") ??
    firstString(attrs, "ai.telemetry.metadata.sessionId");
  const tags = parseTags(
    firstPresent(attrs, "langfuse.trace.tags", "langfuse.tags", "langfuse.observation.metadata.langfuse_tags", "langfuse.trace.metadata.langfuse_tags", "ai.telemetry.metadata.tags", "tag.tags"),
  );
  const release = firstString(attrs, "langfuse.release") ?? firstString(span.resource, "langfuse.release");
  const version = firstString(attrs, "langfuse.version") ?? firstString(span.resource, "service.version");
  const environment = normalizeEnvironment(
    firstString(attrs, "langfuse.environment", "deployment.environment.name", "deployment.environment") ??
      firstString(span.resource, "langfuse.environment", "deployment.environment.name", "deployment.environment"),
  );
  const metadata = traceMetadata(attrs);
  const input = attrs["langfuse.trace.input"];
  const output = attrs["langfuse.trace.output"];
  const sampleRate = spanSampleRate(attrs["tracewise.sample_rate"], span.traceState);
  return {
    id: span.traceId,
    ...(name !== undefined && { name }),
    ...(userId !== undefined && { userId }),
    ...(sessionId !== undefined && { sessionId }),
    ...(tags !== undefined && { tags }),
    ...(release !== undefined && { release }),
    ...(version !== undefined && { version }),
    ...(environment !== undefined && { environment }),
    ...((isTrue(attrs["langfuse.trace.public"]) || isTrue(attrs["langfuse.public"])) && { public: true }),
    ...(input !== undefined && input !== null && { input }),
    ...(output !== undefined && output !== null && { output }),
    ...(metadata && { metadata }),
    ...(sampleRate !== undefined && { sampleRate }),
  };
}
