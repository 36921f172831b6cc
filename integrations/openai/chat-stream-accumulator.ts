import type { CapturedResult, StreamAccumulator } from "../shared/endpoint-capture";
import { asArray, asNumber, asRecord, asString, definedOnly } from "../shared/read-fields";
import { responseMetadata } from "./response-metadata";
import { toUsageDetails } from "./usage-details";

/** A tool call being assembled from deltas. */
interface ToolCallDraft {
  id?: string;
  type?: string;
  function: { name: string; arguments: string };
}

/** One choice being assembled from deltas. */
interface ChoiceDraft {
  role: string;
  content: string[];
  refusal: string[];
  toolCalls: Map<number, ToolCallDraft>;
  finishReason?: unknown;
}

/**
 * Assembles a streamed chat completion from its chunks: content and refusal text per choice, tool
 * calls merged by their `index` (parallel calls whose deltas interleave each get their complete
 * argument string), the finish reason, the returned model and the usage of the final chunk (sent when
 * `stream_options.include_usage` is set).
 */
export class ChatStreamAccumulator implements StreamAccumulator {
  private readonly choices = new Map<number, ChoiceDraft>();
  private completion: Record<string, unknown> = {};
  private usage: unknown;

  push(chunk: unknown): boolean {
    const c = asRecord(chunk);
    if (c === undefined) return false;
    if (this.completion.id === undefined) this.completion = { id: c.id, model: c.model, system_fingerprint: c.system_fingerprint, service_tier: c.service_tier };
    if (c.usage !== undefined && c.usage !== null) this.usage = c.usage;
    let content = false;
    for (const choice of asArray(c.choices) ?? []) content = this.pushChoice(asRecord(choice)) || content;
    return content;
  }

  result(): CapturedResult {
    const indices = [...this.choices.keys()].sort((a, b) => a - b);
    const messages = indices.map((i) => toMessage(this.choices.get(i) as ChoiceDraft));
    const finishReasons = indices.map((i) => this.choices.get(i)?.finishReason);
    return definedOnly({
      output: messages.length === 1 ? messages[0] : messages.length === 0 ? undefined : messages,
      usageDetails: toUsageDetails(this.usage),
      model: asString(this.completion.model),
      metadata: responseMetadata(this.completion, finishReasons),
    });
  }

  private pushChoice(choice: Record<string, unknown> | undefined): boolean {
    if (choice === undefined) return false;
    const draft = this.draftAt(asNumber(choice.index) ?? 0);
    if (choice.finish_reason !== undefined && choice.finish_reason !== null) draft.finishReason = choice.finish_reason;
    const delta = asRecord(choice.delta);
    if (delta === undefined) return false;
    const role = asString(delta.role);
    if (role !== undefined) draft.role = role;
    let content = false;
    const text = asString(delta.content);
    if (text) {
      content = true;
      draft.content.push(text);
    }
    const refusal = asString(delta.refusal);
    if (refusal) {
      content = true;
      draft.refusal.push(refusal);
    }
    for (const call of asArray(delta.tool_calls) ?? []) content = mergeToolCall(draft, asRecord(call)) || content;
    return content;
  }

  private draftAt(index: number): ChoiceDraft {
    let draft = this.choices.get(index);
    if (draft === undefined) this.choices.set(index, (draft = { role: "assistant", content: [], refusal: [], toolCalls: new Map() }));
    return draft;
  }
}

/** Merges one tool-call delta into the draft call with the same index; true when it carried anything. */
function mergeToolCall(draft: ChoiceDraft, delta: Record<string, unknown> | undefined): boolean {
  if (delta === undefined) return false;
  const index = asNumber(delta.index) ?? draft.toolCalls.size;
  let call = draft.toolCalls.get(index);
  if (call === undefined) draft.toolCalls.set(index, (call = { function: { name: "", arguments: "" } }));
  const id = asString(delta.id);
  if (id) call.id = id;
  const type = asString(delta.type);
  if (type) call.type = type;
  const fn = asRecord(delta.function);
  const name = asString(fn?.name);
  // As openai-node's own accumulator: the name arrives whole, the arguments in pieces.
  if (name) call.function.name = name;
  const args = asString(fn?.arguments);
  if (args) call.function.arguments += args;
  return true;
}

function toMessage(draft: ChoiceDraft): Record<string, unknown> {
  const toolCalls = [...draft.toolCalls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, call]) => ({ ...definedOnly({ id: call.id }), type: call.type ?? "function", function: call.function }));
  return {
    role: draft.role,
    content: draft.content.length === 0 ? null : draft.content.join(""),
    ...(draft.refusal.length === 0 ? {} : { refusal: draft.refusal.join("") }),
    ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
  };
}
