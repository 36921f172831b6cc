import { describe, expect, it } from "vitest";
import { fromTokenUsage, fromUsageMetadata, usageFromResult } from "../../../integrations/langchain/usage-mapping";

describe("LangChain usage mapping", () => {
  it("maps usage_metadata to canonical keys and subtracts details from their parent", () => {
    expect(
      fromUsageMetadata({
        input_tokens: 100,
        output_tokens: 40,
        total_tokens: 140,
        input_token_details: { cache_read: 30, cache_creation: 10 },
        output_token_details: { reasoning: 15 },
      }),
    ).toEqual({ input: 60, input_cached_tokens: 30, input_cache_creation: 10, output: 25, output_reasoning_tokens: 15, total: 140 });
  });

  it("keeps unknown detail keys under input_/output_ and never goes below zero", () => {
    expect(fromUsageMetadata({ input_tokens: 5, output_tokens: 1, input_token_details: { image: 9 }, output_token_details: { audio: 3 } })).toEqual({
      input: 0,
      input_image: 9,
      output: 0,
      output_audio_tokens: 3,
    });
  });

  it("ignores counts that are not non-negative integers", () => {
    expect(fromUsageMetadata({ input_tokens: -1, output_tokens: 2.5, total_tokens: "7" })).toBeUndefined();
  });

  it("reads llmOutput token usage in LangChain JS and provider spellings", () => {
    expect(fromTokenUsage({ promptTokens: 3, completionTokens: 4, totalTokens: 7 })).toEqual({ input: 3, output: 4, total: 7 });
    expect(fromTokenUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({ input: 3, output: 4 });
    expect(fromTokenUsage({ input_tokens: 1, output_tokens: 2 })).toEqual({ input: 1, output: 2 });
  });

  it("prefers the message's usage_metadata over llmOutput", () => {
    const generation = { message: { usage_metadata: { input_tokens: 1, output_tokens: 2, total_tokens: 3 } } };
    expect(usageFromResult(generation, { tokenUsage: { promptTokens: 9, completionTokens: 9 } })).toEqual({ input: 1, output: 2, total: 3 });
    expect(usageFromResult({ text: "x" }, { tokenUsage: { promptTokens: 9, completionTokens: 8 } })).toEqual({ input: 9, output: 8 });
    expect(usageFromResult(undefined, undefined)).toBeUndefined();
  });
});
