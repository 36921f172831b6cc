/**
 * A span's input and output. `langfuse.observation.input`/`output` win outright (if either is set,
 * both come from them); otherwise the common framework conventions are tried in Langfuse's order:
 * GenAI span events, OpenInference/framework keys, flattened prompt/completion keys, then the GenAI
 * message attributes and tool-call arguments/results.
 *
 * Values are kept as they arrived: JSON text stays text and is parsed for display when it is read.
 *
 * @module
 */
import type { AttributeValue } from "./any-value";
import { firstPresent, type Attributes, unflattenIndexed } from "./attribute-readers";
import type { OtlpSpanEvent } from "./otlp-span";

/** A span's input and output; `undefined` when no source had one. */
export interface SpanIo {
  input?: AttributeValue;
  output?: AttributeValue;
}

function defined(io: { input?: AttributeValue | undefined; output?: AttributeValue | undefined }): SpanIo | undefined {
  const out: SpanIo = {};
  if (io.input !== undefined && io.input !== null) out.input = io.input;
  if (io.output !== undefined && io.output !== null) out.output = io.output;
  return out.input !== undefined || out.output !== undefined ? out : undefined;
}

const MESSAGE_EVENT = /^gen_ai\.(system|user|assistant|tool)\.message$/;

function fromEvents(events: readonly OtlpSpanEvent[]): SpanIo | undefined {
  const details = events.find((event) => event.name === "gen_ai.client.inference.operation.details");
  if (details) {
    const io = defined({ input: details.attributes["gen_ai.input.messages"], output: details.attributes["gen_ai.output.messages"] });
    if (io) return io;
  }
  const input: AttributeValue[] = [];
  const output: AttributeValue[] = [];
  for (const event of events) {
    const role = MESSAGE_EVENT.exec(event.name)?.[1];
    if (role) input.push({ role, ...event.attributes });
    else if (event.name === "gen_ai.choice") output.push(event.attributes["message"] ?? event.attributes);
  }
  return defined({
    ...(input.length > 0 && { input }),
    ...(output.length > 0 && { output: output.length === 1 ? (output[0] ?? null) : output }),
  });
}

function fromFlattened(attrs: Attributes): SpanIo | undefined {
  return defined({
    input: unflattenIndexed(attrs, "gen_ai.prompt") ?? unflattenIndexed(attrs, "llm.input_messages") ?? null,
    output: unflattenIndexed(attrs, "gen_ai.completion") ?? unflattenIndexed(attrs, "llm.output_messages") ?? null,
  });
}

/** The input and output of a span, from its attributes and events. */
export function spanIo(attrs: Attributes, events: readonly OtlpSpanEvent[]): SpanIo {
  if ("langfuse.observation.input" in attrs || "langfuse.observation.output" in attrs) {
    return defined({ input: attrs["langfuse.observation.input"] ?? null, output: attrs["langfuse.observation.output"] ?? null }) ?? {};
  }
  return (
    fromEvents(events) ??
    defined({ input: firstPresent(attrs, "input.value", "input") ?? null, output: firstPresent(attrs, "output.value", "output") ?? null }) ??
    fromFlattened(attrs) ??
    defined({ input: attrs["gen_ai.input.messages"] ?? null, output: attrs["gen_ai.output.messages"] ?? null }) ??
    defined({ input: attrs["gen_ai.tool.call.arguments"] ?? null, output: attrs["gen_ai.tool.call.result"] ?? null }) ??
    {}
  );
}

/** Attribute keys (and prefixes ending in ".") consumed as input/output, left out of `attributes` metadata. */
export const IO_KEYS: readonly string[] = [
  "input.value",
  "output.value",
  "input",
  "output",
  "gen_ai.input.messages",
  "gen_ai.output.messages",
  "gen_ai.tool.call.arguments",
  "gen_ai.tool.call.result",
  "gen_ai.prompt.",
  "gen_ai.completion.",
  "llm.input_messages.",
  "llm.output_messages.",
];
