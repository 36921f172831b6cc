import type { CapturedResult } from "../shared/endpoint-capture";
import { asArray, asRecord, asString, definedOnly } from "../shared/read-fields";
import { toAnthropicUsage } from "./usage-details";

/**
 * The assistant message of a response as chat: `{ role, content }`, where content is the text when
 * every block is text, else the blocks themselves (tool use, thinking, citations).
 */
export function assistantMessage(message: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const blocks = asArray(message.content) ?? [];
  const textOnly = blocks.every((block) => asRecord(block)?.type === "text" && asRecord(block)?.citations == null);
  const content = textOnly ? blocks.map((block) => asString(asRecord(block)?.text) ?? "").join("") : blocks;
  return { role: asString(message.role) ?? "assistant", content };
}

/**
 * The result of a Messages call (also a streamed one, once assembled): the assistant message, usage
 * with cache reads and writes, the model and the stop reason (as `finishReason`, the key every
 * integration uses).
 */
export function messageResult(value: unknown): CapturedResult {
  const message = asRecord(value);
  if (message === undefined) return {};
  return definedOnly({
    output: assistantMessage(message),
    usageDetails: toAnthropicUsage(message.usage),
    model: asString(message.model),
    metadata: definedOnly({
      responseId: asString(message.id),
      finishReason: asString(message.stop_reason),
      stopSequence: asString(message.stop_sequence),
      serviceTier: asString(asRecord(message.usage)?.service_tier),
    }),
  });
}
