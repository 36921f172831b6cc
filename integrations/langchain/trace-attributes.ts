import type { TraceUpdate } from "tracewise";
import type { ResolvedHandlerOptions } from "./handler-options";

/** Run metadata keys that set the trace's user per call (ours first, then Langfuse's spellings). */
const USER_ID_KEYS = ["tracewise_user_id", "langfuse_user_id", "langfuseUserId"] as const;
/** Run metadata keys that set the trace's session per call. */
const SESSION_ID_KEYS = ["tracewise_session_id", "langfuse_session_id", "langfuseSessionId"] as const;
/** Run metadata keys that add trace tags per call. */
const TAGS_KEYS = ["tracewise_tags", "langfuse_tags"] as const;

/** Keys that steer the handler; they are not copied into observation metadata. */
const CONTROL_KEYS: ReadonlySet<string> = new Set<string>([...USER_ID_KEYS, ...SESSION_ID_KEYS, ...TAGS_KEYS]);

/** The tag LangChain and LangGraph put on internal runs; such runs are recorded at level `DEBUG`. */
export const HIDDEN_TAG = "langsmith:hidden";

/**
 * Trace-level fields for a top-level run: run metadata (per call) wins over the handler options; tags
 * are the union of the handler's, the run's LangChain tags and the metadata's, without `langsmith:hidden`.
 */
export function traceAttributes(
  options: ResolvedHandlerOptions,
  runTags: readonly string[] | undefined,
  metadata: Record<string, unknown> | undefined,
): Pick<TraceUpdate, "userId" | "sessionId" | "tags"> {
  const userId = firstString(metadata, USER_ID_KEYS) ?? options.userId;
  const sessionId = firstString(metadata, SESSION_ID_KEYS) ?? options.sessionId;
  const tags = new Set<string>(options.tags);
  for (const tag of runTags ?? []) if (tag !== HIDDEN_TAG) tags.add(tag);
  for (const key of TAGS_KEYS) for (const tag of stringArray(metadata?.[key])) tags.add(tag);
  return {
    ...(userId === undefined ? {} : { userId }),
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(tags.size === 0 ? {} : { tags: [...tags] }),
  };
}

/** True when there is at least one trace-level field to set. */
export function hasTraceAttributes(fields: Pick<TraceUpdate, "userId" | "sessionId" | "tags">): boolean {
  return fields.userId !== undefined || fields.sessionId !== undefined || fields.tags !== undefined;
}

/**
 * An observation's metadata: the run's LangChain metadata without the control keys, its tags under
 * `tags`, and `extra` (the handler's metadata on top-level runs). Undefined when empty.
 */
export function observationMetadata(
  runMetadata: Record<string, unknown> | undefined,
  runTags: readonly string[] | undefined,
  extra?: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (runMetadata !== undefined) {
    for (const key of Object.keys(runMetadata)) if (!CONTROL_KEYS.has(key)) out[key] = runMetadata[key];
  }
  if (runTags !== undefined && runTags.length > 0) out.tags = runTags;
  if (extra !== undefined) Object.assign(out, extra);
  return Object.keys(out).length === 0 ? undefined : out;
}

function firstString(metadata: Record<string, unknown> | undefined, keys: readonly string[]): string | undefined {
  if (metadata === undefined) return undefined;
  for (const key of keys) {
    const value = metadata[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

function stringArray(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
