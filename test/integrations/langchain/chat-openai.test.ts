import { ChatPromptTemplate } from "@langchain/core/prompts";
import { tool } from "@langchain/core/tools";
import { ChatOpenAI } from "@langchain/openai";
import { CallbackHandler } from "tracewise/langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { FAILING_MODEL, respondingModel, startOpenAICompatibleServer, type OpenAICompatibleServer } from "./helpers/openai-compatible-server";
import { memoryClient, one } from "./helpers/trace-tree";

let server: OpenAICompatibleServer;
beforeAll(async () => {
  server = await startOpenAICompatibleServer();
});
afterAll(async () => {
  await server.close();
});

// `streaming: true` with `invoke()` is not exercised: ChatOpenAI then estimates prompt tokens with
// tiktoken, which downloads its encoding from the network (the suite runs offline).
function chatModel(fields: { model?: string; temperature?: number; maxTokens?: number } = {}) {
  return new ChatOpenAI({
    model: fields.model ?? "gpt-4o-mini",
    apiKey: "sk-test",
    maxRetries: 0,
    configuration: { baseURL: server.baseURL },
    ...(fields.temperature === undefined ? {} : { temperature: fields.temperature }),
    ...(fields.maxTokens === undefined ? {} : { maxTokens: fields.maxTokens }),
  });
}

/** input 12 (4 cached), output 7 (2 reasoning), total 19: details are subtracted from their parent. */
const EXPECTED_USAGE = { input: 8, input_cached_tokens: 4, output: 5, output_reasoning_tokens: 2, total: 19 };

describe("CallbackHandler with ChatOpenAI against an OpenAI-compatible server", () => {
  it("records the responding model, parameters and canonical usage of a completion", async () => {
    const { tw, mem } = memoryClient();
    const chain = ChatPromptTemplate.fromMessages([["human", "hello {name}"]]).pipe(chatModel({ temperature: 0.2, maxTokens: 50 }));

    const message = await chain.invoke({ name: "ada" }, { callbacks: [new CallbackHandler({ client: tw })] });

    expect(message.content).toBe("reply to: hello ada");
    const generation = one(mem.getFinishedObservations(), "ChatOpenAI");
    expect(generation).toMatchObject({
      type: "generation",
      model: respondingModel("gpt-4o-mini"),
      modelParameters: { temperature: 0.2, max_tokens: 50 },
      input: [{ role: "user", content: "hello ada" }],
      output: { role: "assistant", content: "reply to: hello ada" },
      usageDetails: EXPECTED_USAGE,
    });
    expect(generation.completionStartTime).toBeUndefined();
    expect(generation.metadata).toMatchObject({ ls_provider: "openai", ls_model_name: "gpt-4o-mini" });
  });

  it("records usage and the time to first token of a streamed completion", async () => {
    const { tw, mem } = memoryClient();
    const model = chatModel();

    let text = "";
    for await (const chunk of await model.stream("stream please", { callbacks: [new CallbackHandler({ client: tw })] })) {
      text += chunk.text;
    }

    expect(text).toBe("reply to: stream please");
    expect(server.requests.at(-1)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const generation = one(mem.getFinishedObservations(), "ChatOpenAI");
    expect(generation).toMatchObject({
      model: respondingModel("gpt-4o-mini"),
      output: { role: "assistant", content: "reply to: stream please" },
      usageDetails: EXPECTED_USAGE,
    });
    expect(generation.completionStartTime).toBeGreaterThanOrEqual(generation.startTime);
    expect(generation.completionStartTime).toBeLessThanOrEqual(generation.endTime);
  });

  it("records bound tools beside the messages", async () => {
    const { tw, mem } = memoryClient();
    const lookup = tool(async ({ q }: { q: string }) => q, { name: "lookup", description: "Looks up", schema: z.object({ q: z.string() }) });

    await chatModel().bindTools([lookup]).invoke("find x", { callbacks: [new CallbackHandler({ client: tw })] });

    expect(one(mem.getFinishedObservations(), "ChatOpenAI").input).toMatchObject({
      messages: [{ role: "user", content: "find x" }],
      tools: [{ type: "function", function: { name: "lookup" } }],
    });
  });

  it("marks a failed request ERROR with the provider's message and rethrows it", async () => {
    const { tw, mem } = memoryClient();

    const caught = await chatModel({ model: FAILING_MODEL })
      .invoke("hi", { callbacks: [new CallbackHandler({ client: tw })] })
      .catch((e: unknown) => e);

    expect(caught).toBeInstanceOf(Error);
    const generation = one(mem.getFinishedObservations(), "ChatOpenAI");
    expect(generation).toMatchObject({ level: "ERROR", model: FAILING_MODEL });
    expect(generation.statusMessage).toContain("fail-model is not available");
  });
});
