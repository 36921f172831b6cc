import type { CapturedResult, StreamAccumulator } from "../shared/endpoint-capture";
import { asNumber, asRecord, asString, definedOnly } from "../shared/read-fields";

/** Event types that end a Responses stream and carry the whole response. */
const FINAL_EVENTS = new Set(["response.completed", "response.incomplete", "response.failed"]);

/**
 * Assembles a streamed Responses call from its typed events. The final `response.completed`
 * (or `incomplete` / `failed`) event carries the whole response, usage included, and is used as is;
 * a stream that stops before it (abandoned, aborted) is assembled from the `response.output_text.delta`
 * events and the `response.output_item.done` items that arrived. Any `*.delta` event counts as content
 * for `completionStartTime`.
 */
export class ResponsesStreamAccumulator implements StreamAccumulator {
  private final: unknown;
  private started: Record<string, unknown> | undefined;
  private readonly text: string[] = [];
  private readonly items = new Map<number, unknown>();
  private error: string | undefined;

  /**
   * @param toResult - how a whole response becomes a result (`responsesResult`).
   * @param textOf - how output items become output text.
   */
  constructor(
    private readonly toResult: (response: unknown) => CapturedResult,
    private readonly textOf: (items: readonly unknown[]) => string,
  ) {}

  push(event: unknown): boolean {
    const e = asRecord(event);
    const type = asString(e?.type);
    if (e === undefined || type === undefined) return false;
    if (FINAL_EVENTS.has(type)) this.final = e.response;
    else if (type === "response.created") this.started = asRecord(e.response);
    else if (type === "response.output_text.delta" && typeof e.delta === "string") this.text.push(e.delta);
    else if (type === "response.output_item.done") this.items.set(asNumber(e.output_index) ?? this.items.size, e.item);
    else if (type === "error") this.error = asString(e.message) ?? "stream error";
    return type.endsWith(".delta");
  }

  result(): CapturedResult {
    const errorFields = this.error === undefined ? {} : { level: "ERROR" as const, statusMessage: this.error };
    if (this.final !== undefined) return { ...this.toResult(this.final), ...errorFields };
    const items = [...this.items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
    const text = this.text.length > 0 ? this.text.join("") : this.textOf(items);
    return definedOnly({
      output: { ...(text === "" ? {} : { output_text: text }), output: items },
      model: asString(this.started?.model),
      metadata: definedOnly({ responseId: asString(this.started?.id), status: "incomplete-stream" }),
      ...errorFields,
    });
  }
}
