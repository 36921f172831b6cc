import type { ObservationLevel } from "tracewise";
import type { CapturedResult, EndpointCapture } from "../shared/endpoint-capture";
import { asArray, asRecord, asString, definedOnly } from "../shared/read-fields";
import { ResponsesStreamAccumulator } from "./responses-stream-accumulator";
import { toUsageDetails } from "./usage-details";

/** The input of a Responses call: `input`, or `{ instructions, input }` when instructions are given. */
export function responsesInput(params: Readonly<Record<string, unknown>>): unknown {
  const { input, instructions, tools } = params;
  if (instructions === undefined && tools === undefined) return input;
  return definedOnly({ instructions, input, tools });
}

/** The text of every `output_text` part of the message items, joined (what the SDK calls `output_text`). */
export function outputText(items: readonly unknown[]): string {
  const parts: string[] = [];
  for (const item of items) {
    const record = asRecord(item);
    if (record?.type !== "message") continue;
    for (const part of asArray(record.content) ?? []) {
      const p = asRecord(part);
      if (p?.type === "output_text" && typeof p.text === "string") parts.push(p.text);
    }
  }
  return parts.join("");
}

/**
 * The result of a Responses call (also a parsed one): `{ output_text, output }` with the output items
 * (messages, function calls, reasoning), usage, the returned model and the response's status. A
 * `failed` response is level ERROR with its error message; an `incomplete` one is WARNING.
 */
export function responsesResult(value: unknown): CapturedResult {
  const response = asRecord(value);
  if (response === undefined) return {};
  const items = asArray(response.output) ?? [];
  const text = outputText(items);
  const status = asString(response.status);
  const failure = asString(asRecord(response.error)?.message);
  const incomplete = asString(asRecord(response.incomplete_details)?.reason);
  return definedOnly({
    output: { ...(text === "" ? {} : { output_text: text }), output: items },
    usageDetails: toUsageDetails(response.usage),
    model: asString(response.model),
    metadata: definedOnly({ responseId: asString(response.id), status, serviceTier: asString(response.service_tier) }),
    level: levelOf(status),
    statusMessage: status === "failed" ? (failure ?? "response failed") : status === "incomplete" ? `incomplete: ${incomplete ?? "unknown reason"}` : undefined,
  });
}

function levelOf(status: string | undefined): ObservationLevel | undefined {
  return status === "failed" ? "ERROR" : status === "incomplete" ? "WARNING" : undefined;
}

/** `responses.create` / `parse` and the `responses.stream` helper. */
export const responsesCapture: EndpointCapture = {
  asType: "generation",
  input: responsesInput,
  result: responsesResult,
  accumulator: () => new ResponsesStreamAccumulator(responsesResult, outputText),
};

