import type { EndpointCapture } from "../shared/endpoint-capture";
import { asArray, asRecord, asString, definedOnly } from "../shared/read-fields";
import { MessageStreamAccumulator } from "./message-stream-accumulator";
import { messageResult } from "./message-result";

/**
 * The input of a Messages call as chat: the system prompt as a first `system` message, then the
 * messages; `{ messages, tools }` when the request offers tools, so a trace shows what the model could
 * call.
 */
export function messagesInput(params: Readonly<Record<string, unknown>>): unknown {
  const { system, messages, tools } = params;
  const chat = system === undefined ? messages : [{ role: "system", content: system }, ...(asArray(messages) ?? [])];
  return tools === undefined ? chat : { messages: chat, tools };
}

/** `messages.create` (plain and `stream: true`), `messages.parse`, and the request of `messages.stream`. */
export const messagesCapture: EndpointCapture = {
  asType: "generation",
  input: messagesInput,
  result: messageResult,
  accumulator: () => new MessageStreamAccumulator(),
};

/** Nothing streams from the endpoints below; an accumulator that keeps nothing. */
const noStream = (): MessageStreamAccumulator => new MessageStreamAccumulator();

/**
 * `messages.countTokens`: a span (it generates nothing and costs nothing) whose output is the count;
 * the count is not usage, which would be billed.
 */
export const countTokensCapture: EndpointCapture = {
  asType: "span",
  input: messagesInput,
  result: (value) => ({ output: value }),
  accumulator: noStream,
};

/**
 * `messages.batches.create`: a span with the batch's requests as input and the created batch (id,
 * processing status, request counts) as output. Its results arrive later, outside the call.
 */
export const batchCreateCapture: EndpointCapture = {
  asType: "span",
  input: (params) => params.requests,
  result: (value) => {
    const batch = asRecord(value);
    return definedOnly({ output: value, metadata: batch === undefined ? undefined : definedOnly({ batchId: asString(batch.id) }) });
  },
  accumulator: noStream,
};
