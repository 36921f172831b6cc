import type { CapturedResult, EndpointCapture } from "../shared/endpoint-capture";
import { ChatStreamAccumulator } from "./chat-stream-accumulator";
import { asArray, asRecord, asString, definedOnly } from "../shared/read-fields";
import { responseMetadata } from "./response-metadata";
import { toUsageDetails } from "./usage-details";

/**
 * The input of a chat call: the messages, or `{ messages, tools }` when the request offers tools (or
 * legacy `functions`), so a trace shows what the model could call.
 */
export function chatInput(params: Readonly<Record<string, unknown>>): unknown {
  const { messages, tools, functions } = params;
  if (tools === undefined && functions === undefined) return messages;
  return definedOnly({ messages, tools, functions });
}

/**
 * The result of a chat completion (also a parsed one): the assistant message with its tool calls (a
 * list of messages when `n > 1`), usage, the returned model and response facts as metadata.
 */
export function chatResult(value: unknown): CapturedResult {
  const completion = asRecord(value);
  if (completion === undefined) return {};
  const choices = asArray(completion.choices) ?? [];
  const messages = choices.map((choice) => asRecord(choice)?.message);
  const finishReasons = choices.map((choice) => asRecord(choice)?.finish_reason);
  return definedOnly({
    output: messages.length === 1 ? messages[0] : messages,
    usageDetails: toUsageDetails(completion.usage),
    model: asString(completion.model),
    metadata: responseMetadata(completion, finishReasons),
  });
}

/** `chat.completions.create` / `parse` and the chat helpers. */
export const chatCapture: EndpointCapture = {
  asType: "generation",
  input: chatInput,
  result: chatResult,
  accumulator: () => new ChatStreamAccumulator(),
};
