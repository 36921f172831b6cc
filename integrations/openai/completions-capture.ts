import type { CapturedResult, EndpointCapture, StreamAccumulator } from "../shared/endpoint-capture";
import { asArray, asNumber, asRecord, asString, definedOnly } from "../shared/read-fields";
import { responseMetadata } from "./response-metadata";
import { toUsageDetails } from "./usage-details";

/** The result of a legacy completion: the text (a list of texts when `n > 1`), usage, model. */
export function completionsResult(value: unknown): CapturedResult {
  const completion = asRecord(value);
  if (completion === undefined) return {};
  const choices = (asArray(completion.choices) ?? []).map(asRecord);
  const texts = choices.map((choice) => choice?.text);
  return definedOnly({
    output: texts.length === 1 ? texts[0] : texts,
    usageDetails: toUsageDetails(completion.usage),
    model: asString(completion.model),
    metadata: responseMetadata(completion, choices.map((choice) => choice?.finish_reason)),
  });
}

/** Assembles a streamed legacy completion: text per choice index, finish reasons, final usage. */
class CompletionsStreamAccumulator implements StreamAccumulator {
  private readonly texts = new Map<number, string[]>();
  private readonly finishReasons = new Map<number, unknown>();
  private first: Record<string, unknown> | undefined;
  private usage: unknown;

  push(chunk: unknown): boolean {
    const c = asRecord(chunk);
    if (c === undefined) return false;
    this.first ??= c;
    if (c.usage !== undefined && c.usage !== null) this.usage = c.usage;
    let content = false;
    for (const choice of (asArray(c.choices) ?? []).map(asRecord)) {
      const index = asNumber(choice?.index) ?? 0;
      const text = asString(choice?.text);
      if (text) {
        content = true;
        const texts = this.texts.get(index);
        if (texts === undefined) this.texts.set(index, [text]);
        else texts.push(text);
      }
      if (choice?.finish_reason !== undefined && choice.finish_reason !== null) this.finishReasons.set(index, choice.finish_reason);
    }
    return content;
  }

  result(): CapturedResult {
    const indices = [...this.texts.keys()].sort((a, b) => a - b);
    const texts = indices.map((i) => (this.texts.get(i) ?? []).join(""));
    return definedOnly({
      output: texts.length === 1 ? texts[0] : texts.length === 0 ? undefined : texts,
      usageDetails: toUsageDetails(this.usage),
      model: asString(this.first?.model),
      metadata: responseMetadata(this.first ?? {}, [...this.finishReasons.values()]),
    });
  }
}

/** Legacy `completions.create`: input is the prompt. */
export const completionsCapture: EndpointCapture = {
  asType: "generation",
  input: (params) => params.prompt,
  result: completionsResult,
  accumulator: () => new CompletionsStreamAccumulator(),
};
