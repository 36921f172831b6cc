import type { CapturedResult, EndpointCapture, StreamAccumulator } from "../shared/endpoint-capture";
import { asArray, asRecord, asString, definedOnly } from "../shared/read-fields";
import { toUsageDetails } from "./usage-details";

/** Bytes of one float32 component of a base64-encoded embedding. */
const FLOAT32_BYTES = 4;

/** The dimensions of one embedding: the vector's length, or the decoded length of a base64 one. */
export function embeddingDimensions(embedding: unknown): number | undefined {
  if (Array.isArray(embedding)) return embedding.length;
  if (typeof embedding !== "string") return undefined;
  const padding = embedding.endsWith("==") ? 2 : embedding.endsWith("=") ? 1 : 0;
  return Math.floor(((embedding.length * 3) / 4 - padding) / FLOAT32_BYTES);
}

/**
 * The result of an embeddings call: a summary (`{ count, dimensions }`), never the vectors, which are
 * large and meaningless in a trace; usage (input tokens) and the returned model.
 */
export function embeddingsResult(value: unknown): CapturedResult {
  const response = asRecord(value);
  if (response === undefined) return {};
  const data = asArray(response.data) ?? [];
  return definedOnly({
    output: definedOnly({ count: data.length, dimensions: embeddingDimensions(asRecord(data[0])?.embedding) }),
    usageDetails: toUsageDetails(response.usage),
    model: asString(response.model),
  });
}

/** Embeddings never stream; a stream-shaped result is recorded without output. */
class NoStreamAccumulator implements StreamAccumulator {
  push(): boolean {
    return false;
  }

  result(): CapturedResult {
    return {};
  }
}

/** `embeddings.create`, recorded as an observation of type `embedding`. */
export const embeddingsCapture: EndpointCapture = {
  asType: "embedding",
  input: (params) => params.input,
  result: embeddingsResult,
  accumulator: () => new NoStreamAccumulator(),
};
