import { toTracedDocument, isDocumentLike } from "./document-mapping";
import { isMessageLike, toTracedMessage } from "./message-mapping";

/**
 * How deep {@link toTracedValue} looks for LangChain objects inside chain inputs and outputs. Deeper
 * values are left as they are; the core's capture bounds and serializes them.
 */
export const MAX_MAPPING_DEPTH = 4;

/** Arrays longer than this are left as they are (the core's capture truncates them) rather than walked. */
export const MAX_MAPPED_ITEMS = 500;

/**
 * Replaces LangChain objects inside a chain's input or output with what a reader wants to see:
 * messages become `{ role, content, … }`, prompt values their messages or text, documents
 * `{ pageContent, metadata }`. Plain objects and arrays are copied with their entries mapped; anything
 * else is returned unchanged.
 */
export function toTracedValue(value: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth > MAX_MAPPING_DEPTH) return value;
  if (isMessageLike(value)) return toTracedMessage(value);
  if (isDocumentLike(value)) return toTracedDocument(value);
  const promptValue = fromPromptValue(value);
  if (promptValue !== undefined) return promptValue;
  if (Array.isArray(value)) {
    return value.length > MAX_MAPPED_ITEMS ? value : value.map((item) => toTracedValue(item, depth + 1));
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = toTracedValue((value)[key], depth + 1);
  return out;
}

/**
 * A chain's input as recorded. LangChain wraps a non-object input as `{ input: x }`; that wrapper is
 * removed so the trace shows `x`.
 */
export function chainInput(inputs: unknown): unknown {
  return toTracedValue(unwrap(inputs, "input"));
}

/** A chain's output as recorded, without LangChain's `{ output: x }` wrapper. */
export function chainOutput(outputs: unknown): unknown {
  return toTracedValue(unwrap(outputs, "output"));
}

function unwrap(value: unknown, key: string): unknown {
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === key ? (value)[key] : value;
}

/** ChatPromptValue → its messages; StringPromptValue → its text. */
function fromPromptValue(value: object): unknown {
  const v = value as { toChatMessages?: unknown; messages?: unknown; value?: unknown; lc_namespace?: unknown };
  if (typeof v.toChatMessages !== "function" || !Array.isArray(v.lc_namespace)) return undefined;
  if (Array.isArray(v.messages)) return (v.messages as unknown[]).map((m) => (isMessageLike(m) ? toTracedMessage(m) : m));
  return typeof v.value === "string" ? v.value : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
