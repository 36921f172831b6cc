import type { CapturedResult, StreamAccumulator } from "../shared/endpoint-capture";
import { asNumber, asRecord, asString } from "../shared/read-fields";
import { messageResult } from "./message-result";

/** Delta types that carry generated content (the first one is the time to first token). */
const CONTENT_DELTAS: ReadonlySet<string> = new Set(["text_delta", "input_json_delta", "thinking_delta", "citations_delta"]);

/**
 * Assembles a streamed message from the raw Messages API events: `message_start` (id, model, input
 * usage), `content_block_start` / `_delta` / `_stop` (text, tool-use input JSON, thinking), and
 * `message_delta` (stop reason and the cumulative usage, whose counts replace the earlier ones, as the
 * SDK's own `MessageStream` does). A stream left early yields what arrived.
 */
export class MessageStreamAccumulator implements StreamAccumulator {
  private message: Record<string, unknown> | undefined;
  private readonly blocks: Record<string, unknown>[] = [];
  private readonly toolInput = new Map<number, string>();

  push(event: unknown): boolean {
    const e = asRecord(event);
    switch (e?.type) {
      case "message_start":
        this.message = { ...asRecord(e.message), usage: { ...asRecord(asRecord(e.message)?.usage) } };
        return false;
      case "content_block_start": {
        const index = asNumber(e.index) ?? this.blocks.length;
        this.blocks[index] = { ...asRecord(e.content_block) };
        return false;
      }
      case "content_block_delta":
        return this.delta(asNumber(e.index) ?? this.blocks.length - 1, asRecord(e.delta));
      case "message_delta":
        this.messageDelta(asRecord(e.delta), asRecord(e.usage));
        return false;
      default:
        return false;
    }
  }

  result(): CapturedResult {
    if (this.message === undefined) return {};
    const content: Record<string, unknown>[] = [];
    // forEach skips the holes of blocks whose start never arrived.
    this.blocks.forEach((block, index) => content.push(this.finishBlock(block, index)));
    return messageResult({ ...this.message, content });
  }

  private delta(index: number, delta: Record<string, unknown> | undefined): boolean {
    const block = this.blocks[index];
    const type = asString(delta?.type);
    if (block === undefined || delta === undefined || type === undefined) return false;
    if (type === "text_delta") block.text = (asString(block.text) ?? "") + (asString(delta.text) ?? "");
    else if (type === "thinking_delta") block.thinking = (asString(block.thinking) ?? "") + (asString(delta.thinking) ?? "");
    else if (type === "signature_delta") block.signature = delta.signature;
    else if (type === "input_json_delta") this.toolInput.set(index, (this.toolInput.get(index) ?? "") + (asString(delta.partial_json) ?? ""));
    else if (type === "citations_delta") block.citations = [...((block.citations as unknown[] | null | undefined) ?? []), delta.citation];
    return CONTENT_DELTAS.has(type);
  }

  private messageDelta(delta: Record<string, unknown> | undefined, usage: Record<string, unknown> | undefined): void {
    const message = this.message;
    if (message === undefined) return;
    if (delta !== undefined) {
      if (delta.stop_reason !== undefined) message.stop_reason = delta.stop_reason;
      if (delta.stop_sequence !== undefined) message.stop_sequence = delta.stop_sequence;
    }
    // The usage counts of message_delta are cumulative: a count present replaces the earlier one.
    const current = asRecord(message.usage) ?? {};
    for (const [key, value] of Object.entries(usage ?? {})) if (value !== null && value !== undefined) current[key] = value;
    message.usage = current;
  }

  /** A tool-use block gets its input parsed from the JSON deltas (kept as text when it is not JSON yet). */
  private finishBlock(block: Record<string, unknown>, index: number): Record<string, unknown> {
    const json = this.toolInput.get(index);
    if (json === undefined) return block;
    try {
      return { ...block, input: json === "" ? {} : (JSON.parse(json) as unknown) };
    } catch {
      return { ...block, input: json };
    }
  }
}
