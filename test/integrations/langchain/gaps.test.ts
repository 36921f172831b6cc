import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { ChatOpenAI } from "@langchain/openai";
import { CallbackHandler } from "tracewise/langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAILING_MODEL, LATE_CONTENT_MODEL, startOpenAICompatibleServer, type OpenAICompatibleServer } from "./helpers/openai-compatible-server";
import { memoryClient, one } from "./helpers/trace-tree";

let server: OpenAICompatibleServer;
beforeAll(async () => {
  server = await startOpenAICompatibleServer();
});
afterAll(async () => {
  await server.close();
});

function chatModel(model: string) {
  return new ChatOpenAI({ model, apiKey: "sk-test", maxRetries: 0, configuration: { baseURL: server.baseURL } });
}

describe("CallbackHandler: the gaps found beside Langfuse", () => {
  it("takes the time to first token from the first content, not from the empty role chunk", async () => {
    const { tw, mem } = memoryClient();
    server.firstContentAt.length = 0;
    const chain = ChatPromptTemplate.fromMessages([["human", "hi {name}"]]).pipe(chatModel(LATE_CONTENT_MODEL)).pipe(new StringOutputParser());
    for await (const _ of await chain.stream({ name: "ada" }, { callbacks: [new CallbackHandler({ client: tw })] }));
    const generation = one(mem.getFinishedObservations(), "ChatOpenAI");
    // The server pauses LATE_CONTENT_DELAY_MS after the role chunk; the first token is the first content it wrote.
    expect(generation.completionStartTime).toBeGreaterThanOrEqual(server.firstContentAt[0] ?? Infinity);
  });

  it("records errorStatus and errorType on a failed generation, as the OpenAI wrapper does", async () => {
    const { tw, mem } = memoryClient();
    await chatModel(FAILING_MODEL).invoke("hi", { callbacks: [new CallbackHandler({ client: tw })] }).catch(() => undefined);
    expect(one(mem.getFinishedObservations(), "ChatOpenAI")).toMatchObject({ level: "ERROR", metadata: { errorStatus: 400, errorType: "invalid_request_error" } });
  });

  it("leaves out zero-valued token details and keeps the rest, as the OpenAI and Anthropic wrappers do", async () => {
    const { tw, mem } = memoryClient();
    await chatModel("gpt-4o-mini").invoke("hi", { callbacks: [new CallbackHandler({ client: tw })] });
    // The server reports audio tokens of 0 beside 4 cached and 2 reasoning tokens.
    expect(one(mem.getFinishedObservations(), "ChatOpenAI").usageDetails).toEqual({ input: 8, input_cached_tokens: 4, output: 5, output_reasoning_tokens: 2, total: 19 });
  });

  it("links the prompt of metadata.langfusePrompt to the generation that follows the prompt template, as Langfuse's handler does", async () => {
    const { tw, mem } = memoryClient();
    const langfusePrompt = { name: "greeting", version: 3, isFallback: false, prompt: "hi {name}" };
    const prompt = ChatPromptTemplate.fromMessages([["human", "hi {name}"]]).withConfig({ metadata: { langfusePrompt } });
    await prompt.pipe(chatModel("gpt-4o-mini")).invoke({ name: "ada" }, { callbacks: [new CallbackHandler({ client: tw })] });
    expect(one(mem.getFinishedObservations(), "ChatOpenAI")).toMatchObject({ type: "generation", promptName: "greeting", promptVersion: 3 });
    expect(one(mem.getFinishedObservations(), "ChatPromptTemplate").promptName).toBeUndefined();
  });

  it("links the prompt of a model call's own metadata, and never a fallback prompt", async () => {
    const { tw, mem } = memoryClient();
    await chatModel("gpt-4o-mini").invoke("hi", { callbacks: [new CallbackHandler({ client: tw })], metadata: { langfusePrompt: { name: "direct", version: 1 } } });
    await chatModel("gpt-4o-mini").invoke("hi", { callbacks: [new CallbackHandler({ client: tw })], metadata: { langfusePrompt: { name: "fallback", version: 1, isFallback: true } } });
    const [linked, fallback] = mem.getFinishedObservations().filter((o) => o.type === "generation");
    expect(linked).toMatchObject({ promptName: "direct", promptVersion: 1 });
    expect(fallback?.promptName).toBeUndefined();
  });
});
