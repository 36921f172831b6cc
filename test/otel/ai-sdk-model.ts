import { MockLanguageModelV3, convertArrayToReadableStream } from "ai/test";

type Usage = { input: number; output: number; cacheRead?: number; reasoning?: number };

function usageOf(u: Usage) {
  return {
    inputTokens: { total: u.input, noCache: u.input - (u.cacheRead ?? 0), cacheRead: u.cacheRead ?? 0, cacheWrite: 0 },
    outputTokens: { total: u.output, text: u.output - (u.reasoning ?? 0), reasoning: u.reasoning ?? 0 },
  };
}

/**
 * The AI SDK's own mock model (from `ai/test`): the first call asks for the `weather` tool, the second
 * answers "Sunny" (usage 10+5, then 20+3 with 4 cached input tokens and 1 reasoning token).
 */
export function toolCallingModel(): MockLanguageModelV3 {
  let calls = 0;
  return new MockLanguageModelV3({
    doGenerate: async () => {
      calls += 1;
      if (calls % 2 === 1) {
        return {
          content: [{ type: "tool-call", toolCallId: "call-1", toolName: "weather", input: JSON.stringify({ city: "Paris" }) }],
          finishReason: { unified: "tool-calls", raw: undefined },
          usage: usageOf({ input: 10, output: 5 }),
          warnings: [],
        };
      }
      return {
        content: [{ type: "text", text: "Sunny" }],
        finishReason: { unified: "stop", raw: undefined },
        usage: usageOf({ input: 20, output: 3, cacheRead: 4, reasoning: 1 }),
        warnings: [],
      };
    },
  });
}

/** A streaming mock model answering "Hello" in two chunks after `delayMs` (usage 7+2). */
export function streamingModel(delayMs = 0): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doStream: async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return {
        stream: convertArrayToReadableStream([
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: "Hel" },
          { type: "text-delta", id: "t", delta: "lo" },
          { type: "text-end", id: "t" },
          { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: usageOf({ input: 7, output: 2 }) },
        ]),
      };
    },
  });
}

/** A model whose call fails. */
export function failingModel(): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doGenerate: async () => {
      throw new Error("provider down");
    },
  });
}
