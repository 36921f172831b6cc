/**
 * A LangChain message as it is recorded: the role Langfuse and OpenAI use, the content (a string or
 * content blocks), and the tool-call fields when present.
 */
export interface TracedMessage {
  role: string;
  content: unknown;
  name?: string;
  tool_calls?: unknown;
  tool_call_id?: string;
  function_call?: unknown;
}

/** The fields of a LangChain `BaseMessage` the mapping reads (0.3 and 1.x alike). */
interface MessageLike {
  content: unknown;
  name?: unknown;
  role?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
  additional_kwargs?: Record<string, unknown>;
  getType?: () => string;
  _getType?: () => string;
}

/** LangChain message types → chat roles. `generic` (ChatMessage) carries its own role. */
const ROLES: Readonly<Record<string, string>> = {
  human: "user",
  ai: "assistant",
  system: "system",
  developer: "developer",
  tool: "tool",
  function: "function",
  remove: "remove",
};

/** True for a LangChain message (checked structurally: `@langchain/core` is an optional peer). */
export function isMessageLike(value: unknown): value is MessageLike {
  if (typeof value !== "object" || value === null || !("content" in value)) return false;
  const v = value as MessageLike;
  return typeof v.getType === "function" || typeof v._getType === "function";
}

/** True for a non-empty array of LangChain messages. */
export function isMessageArray(value: unknown): value is MessageLike[] {
  return Array.isArray(value) && value.length > 0 && value.every(isMessageLike);
}

/** Maps a LangChain message to a {@link TracedMessage}. */
export function toTracedMessage(message: MessageLike): TracedMessage {
  const type = messageType(message);
  const role = type === "generic" && typeof message.role === "string" ? message.role : (ROLES[type] ?? type);
  const out: TracedMessage = { role, content: message.content };
  if (typeof message.name === "string" && message.name !== "") out.name = message.name;
  const kwargs = message.additional_kwargs ?? {};
  const toolCalls = nonEmpty(message.tool_calls) ?? nonEmpty(kwargs.tool_calls);
  if (toolCalls !== undefined) out.tool_calls = toolCalls;
  if (typeof message.tool_call_id === "string") out.tool_call_id = message.tool_call_id;
  if (kwargs.function_call !== undefined) out.function_call = kwargs.function_call;
  return out;
}

/** Maps an array of messages. */
export function toTracedMessages(messages: readonly MessageLike[]): TracedMessage[] {
  return messages.map(toTracedMessage);
}

function messageType(message: MessageLike): string {
  if (typeof message.getType === "function") return message.getType();
  if (typeof message._getType === "function") return message._getType();
  return "unknown";
}

function nonEmpty(value: unknown): unknown[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}
