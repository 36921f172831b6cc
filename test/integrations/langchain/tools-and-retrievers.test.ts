import { CallbackManager } from "@langchain/core/callbacks/manager";
import { Document } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import { RunnableLambda } from "@langchain/core/runnables";
import { tool } from "@langchain/core/tools";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { CallbackHandler } from "tracewise/langchain";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { childrenOf, memoryClient, one } from "./helpers/trace-tree";

class ListRetriever extends BaseRetriever {
  lc_namespace = ["test", "retrievers"];
  constructor(
    private readonly docs: Document[],
    private readonly failWith?: Error,
  ) {
    super();
  }

  override async _getRelevantDocuments(): Promise<Document[]> {
    if (this.failWith !== undefined) throw this.failWith;
    return this.docs;
  }
}

const add = tool(async ({ a, b }: { a: number; b: number }) => String(a + b), {
  name: "add",
  description: "Adds two numbers",
  schema: z.object({ a: z.number(), b: z.number() }),
});

describe("CallbackHandler on tools, retrievers and agents", () => {
  it("traces a tool() as a tool observation with its structured input and output", async () => {
    const { tw, mem } = memoryClient();

    await expect(add.invoke({ a: 2, b: 3 }, { callbacks: [new CallbackHandler({ client: tw })] })).resolves.toBe("5");

    const observation = one(mem.getFinishedObservations(), "add");
    expect(observation).toMatchObject({ type: "tool", isLocalRoot: true, input: { a: 2, b: 3 }, output: "5" });
  });

  it("records a tool called with a tool call as a ToolMessage output and keeps the tool call id", async () => {
    const { tw, mem } = memoryClient();

    await add.invoke(
      { type: "tool_call", id: "call_1", name: "add", args: { a: 1, b: 1 } },
      { callbacks: [new CallbackHandler({ client: tw })] },
    );

    const observation = one(mem.getFinishedObservations(), "add");
    expect(observation.output).toMatchObject({ role: "tool", content: "2", tool_call_id: "call_1" });
    expect(observation.metadata).toMatchObject({ tool_call_id: "call_1" });
  });

  it("marks a failing tool ERROR and rethrows its error", async () => {
    const { tw, mem } = memoryClient();
    const failure = new Error("no network");
    const flaky = tool(
      async () => {
        throw failure;
      },
      { name: "flaky", description: "fails", schema: z.object({}) },
    );

    await expect(flaky.invoke({}, { callbacks: [new CallbackHandler({ client: tw })] })).rejects.toBe(failure);
    expect(one(mem.getFinishedObservations(), "flaky")).toMatchObject({ type: "tool", level: "ERROR", statusMessage: "Error: no network" });
  });

  it("traces a retriever with the query and its documents (content and metadata)", async () => {
    const { tw, mem } = memoryClient();
    const retriever = new ListRetriever([
      new Document({ pageContent: "Bears hibernate.", metadata: { source: "a.md" } }),
      new Document({ pageContent: "Bees dance.", metadata: {} }),
    ]);

    await retriever.invoke("animals", { callbacks: [new CallbackHandler({ client: tw })] });

    const observation = one(mem.getFinishedObservations(), "ListRetriever");
    expect(observation).toMatchObject({ type: "retriever", input: "animals" });
    expect(observation.output).toEqual({
      documents: [{ pageContent: "Bears hibernate.", metadata: { source: "a.md" } }, { pageContent: "Bees dance." }],
      count: 2,
    });
  });

  it("bounds the documents recorded for one retriever run", async () => {
    const { tw, mem } = memoryClient();
    const docs = Array.from({ length: 120 }, (_, i) => new Document({ pageContent: `doc ${i}` }));

    await new ListRetriever(docs).invoke("q", { callbacks: [new CallbackHandler({ client: tw })] });

    const output = one(mem.getFinishedObservations(), "ListRetriever").output as { documents: unknown[]; count: number };
    expect(output.count).toBe(120);
    expect(output.documents).toHaveLength(50);
  });

  it("marks a failing retriever ERROR inside its chain", async () => {
    const { tw, mem } = memoryClient();
    const failure = new Error("index offline");
    const chain = RunnableLambda.from((q: string) => q).pipe(new ListRetriever([], failure));

    await expect(chain.invoke("q", { callbacks: [new CallbackHandler({ client: tw })] })).rejects.toBe(failure);
    const observations = mem.getFinishedObservations();
    const retriever = one(observations, "ListRetriever");
    expect(retriever).toMatchObject({ level: "ERROR", statusMessage: "Error: index offline" });
    expect(retriever.parentObservationId).toBe(one(observations, "RunnableSequence").id);
  });

  it("records the bound tools and the tool calls of a chat model, and agent actions and finishes as events", async () => {
    const { tw, mem } = memoryClient();
    const handler = new CallbackHandler({ client: tw });
    const model = new FakeStreamingChatModel({
      sleep: 1,
      chunks: [new (await import("@langchain/core/messages")).AIMessageChunk({ content: "", tool_calls: [{ id: "c1", name: "add", args: { a: 1, b: 2 } }] })],
    }).bindTools([add]);

    // An agent executor reports actions and its finish through its chain run manager.
    const manager = CallbackManager.configure([handler]);
    const agentRun = await manager!.handleChainStart({ lc: 1, type: "not_implemented", id: ["langchain", "agents", "AgentExecutor"] }, { input: "1+2?" });
    const message = await model.invoke("1+2?", { callbacks: agentRun.getChild() });
    await agentRun.handleAgentAction({ tool: "add", toolInput: { a: 1, b: 2 }, log: "I should add" });
    await add.invoke({ a: 1, b: 2 }, { callbacks: agentRun.getChild() });
    await agentRun.handleAgentEnd({ returnValues: { output: "3" }, log: "done" });
    await agentRun.handleChainEnd({ output: "3" });

    expect(message.tool_calls).toHaveLength(1);
    const [trace] = mem.getFinishedTraces();
    const agent = one(trace!.observations, "AgentExecutor");
    expect(agent).toMatchObject({ type: "agent", input: "1+2?", output: "3" });
    const children = childrenOf(trace!.observations, agent);
    expect(children.map((c) => `${c.type} ${c.name}`)).toEqual([
      "generation FakeStreamingChatModel",
      "event agent action: add",
      "tool add",
      "event agent finish",
    ]);
    const generation = children[0]!;
    expect(generation.input).toMatchObject({
      messages: [{ role: "user", content: "1+2?" }],
      tools: [{ type: "function", function: { name: "add", description: "Adds two numbers" } }],
    });
    expect(generation.output).toMatchObject({ role: "assistant", tool_calls: [{ id: "c1", name: "add", args: { a: 1, b: 2 } }] });
    expect(children[1]!.input).toEqual({ tool: "add", toolInput: { a: 1, b: 2 }, log: "I should add" });
    expect(children[3]!.output).toEqual({ returnValues: { output: "3" }, log: "done" });
  });
});
