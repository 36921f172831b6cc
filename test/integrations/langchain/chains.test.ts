import type { Serialized } from "@langchain/core/load/serializable";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate, PromptTemplate } from "@langchain/core/prompts";
import { RunnableLambda } from "@langchain/core/runnables";
import { FakeListChatModel, FakeLLM, FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { TracewiseConfigError } from "tracewise";
import { CallbackHandler } from "tracewise/langchain";
import { describe, expect, it } from "vitest";
import { childrenOf, memoryClient, one, outline } from "./helpers/trace-tree";

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "You are terse."],
  ["human", "Tell me about {topic}"],
]);

describe("CallbackHandler on chains", () => {
  it("traces prompt → chat model → parser as a chain with a generation, inputs and outputs", async () => {
    const { tw, mem } = memoryClient();
    const chain = prompt.pipe(new FakeListChatModel({ responses: ["Bears are big."] })).pipe(new StringOutputParser());

    const result = await chain.invoke({ topic: "bears" }, { callbacks: [new CallbackHandler({ client: tw })] });

    expect(result).toBe("Bears are big.");
    const [trace] = mem.getFinishedTraces();
    expect(mem.getFinishedTraces()).toHaveLength(1);
    expect(outline(trace!.observations)).toBe(
      ["chain RunnableSequence", "  chain ChatPromptTemplate", "  generation FakeListChatModel", "  chain StrOutputParser"].join("\n"),
    );
    const root = one(trace!.observations, "RunnableSequence");
    expect(root.isLocalRoot).toBe(true);
    expect(root.input).toEqual({ topic: "bears" });
    expect(root.output).toBe("Bears are big.");
    expect(trace!.name).toBe("RunnableSequence");
    expect(trace!.input).toEqual({ topic: "bears" });
    expect(trace!.output).toBe("Bears are big.");

    const generation = one(trace!.observations, "FakeListChatModel");
    expect(generation.input).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "Tell me about bears" },
    ]);
    expect(generation.output).toEqual({ role: "assistant", content: "Bears are big." });
    expect(generation.level).toBe("DEFAULT");
    expect(generation.metadata).toMatchObject({ ls_provider: "FakeListChatModel", ls_model_type: "chat" });
    expect(one(trace!.observations, "ChatPromptTemplate").output).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "Tell me about bears" },
    ]);
  });

  it("records completionStartTime from the first streamed token and the streamed output", async () => {
    const { tw, mem } = memoryClient();
    const model = new FakeStreamingChatModel({ sleep: 5, responses: [new AIMessage("Hi there")] });
    const chain = prompt.pipe(model).pipe(new StringOutputParser());

    let text = "";
    for await (const chunk of await chain.stream({ topic: "x" }, { callbacks: [new CallbackHandler({ client: tw })] })) text += chunk;

    expect(text).toBe("Hi there");
    const generation = one(mem.getFinishedObservations(), "FakeStreamingChatModel");
    expect(generation.type).toBe("generation");
    expect(generation.completionStartTime).toBeGreaterThan(generation.startTime);
    expect(generation.completionStartTime).toBeLessThanOrEqual(generation.endTime);
    expect(generation.output).toEqual({ role: "assistant", content: "Hi there" });
    expect(one(mem.getFinishedObservations(), "RunnableSequence").output).toBe("Hi there");
  });

  it("traces a text LLM with its prompt string", async () => {
    const { tw, mem } = memoryClient();
    const chain = PromptTemplate.fromTemplate("Say {word}").pipe(new FakeLLM({ response: "ok" }));

    await chain.invoke({ word: "ok" }, { callbacks: [new CallbackHandler({ client: tw })] });

    const generation = one(mem.getFinishedObservations(), "FakeLLM");
    expect(generation.type).toBe("generation");
    expect(generation.input).toBe("Say ok");
    expect(generation.output).toBe("ok");
  });

  it("marks a failing runnable ERROR and lets the very same error reach the caller", async () => {
    const { tw, mem } = memoryClient();
    const boom = new TypeError("boom");
    const failing = RunnableLambda.from(() => {
      throw boom;
    }).withConfig({ runName: "explode" });
    const chain = prompt.pipe(failing);

    const caught = await chain.invoke({ topic: "x" }, { callbacks: [new CallbackHandler({ client: tw })] }).catch((e: unknown) => e);

    expect(caught).toBe(boom);
    const observations = mem.getFinishedObservations();
    expect(one(observations, "explode")).toMatchObject({ level: "ERROR", statusMessage: "TypeError: boom" });
    expect(one(observations, "RunnableSequence")).toMatchObject({ level: "ERROR", statusMessage: "TypeError: boom" });
    expect(one(observations, "ChatPromptTemplate").level).toBe("DEFAULT");
  });

  it("records runs tagged langsmith:hidden at level DEBUG", async () => {
    const { tw, mem } = memoryClient();
    const hidden = RunnableLambda.from((x: string) => x.toUpperCase()).withConfig({ runName: "internal", tags: ["langsmith:hidden"] });

    await RunnableLambda.from((x: string) => x)
      .pipe(hidden)
      .invoke("a", { callbacks: [new CallbackHandler({ client: tw })] });

    expect(one(mem.getFinishedObservations(), "internal").level).toBe("DEBUG");
    expect(one(mem.getFinishedObservations(), "RunnableSequence").level).toBe("DEFAULT");
  });

  it("sets trace user, session, tags, name and metadata from options, overridden per call by run metadata", async () => {
    const { tw, mem } = memoryClient();
    const handler = new CallbackHandler({
      client: tw,
      userId: "u-default",
      sessionId: "s-default",
      tags: ["handler-tag"],
      metadata: { team: "search" },
      traceName: "qa",
    });
    const echo = RunnableLambda.from((x: string) => `echo ${x}`);

    await echo.invoke("1", { callbacks: [handler] });
    await echo.invoke("2", {
      callbacks: [handler],
      tags: ["call-tag"],
      metadata: { tracewise_user_id: "u-call", langfuse_session_id: "s-call", langfuse_tags: ["lf-tag"], plan: "pro" },
    });

    const [first, second] = mem.getFinishedTraces();
    expect(first).toMatchObject({ name: "qa", userId: "u-default", sessionId: "s-default", tags: ["handler-tag"], metadata: { team: "search" } });
    expect(second).toMatchObject({ name: "qa", userId: "u-call", sessionId: "s-call" });
    expect([...second!.tags!].sort()).toEqual(["call-tag", "handler-tag", "lf-tag"]);
    const root = second!.observations[0]!;
    expect(root.metadata).toMatchObject({ plan: "pro", team: "search", tags: ["call-tag"] });
    expect(root.metadata).not.toHaveProperty("tracewise_user_id");
    expect(root.metadata).not.toHaveProperty("langfuse_session_id");
  });

  it("maps message inputs of a chain to roles and contents", async () => {
    const { tw, mem } = memoryClient();
    const model = new FakeListChatModel({ responses: ["fine"] });

    await model.invoke([new HumanMessage("how are you?")], { callbacks: [new CallbackHandler({ client: tw })] });

    const [trace] = mem.getFinishedTraces();
    expect(trace!.observations).toHaveLength(1);
    const generation = trace!.observations[0]!;
    expect(generation).toMatchObject({ type: "generation", isLocalRoot: true, name: "FakeListChatModel" });
    expect(trace!.input).toEqual([{ role: "user", content: "how are you?" }]);
    expect(generation.output).toEqual({ role: "assistant", content: "fine" });
  });

  it("records nothing under a dropped trace, and the chain still works", async () => {
    const { tw, mem } = memoryClient({ sampleRate: 0 });
    const chain = prompt.pipe(new FakeListChatModel({ responses: ["ok"] })).pipe(new StringOutputParser());
    const handler = new CallbackHandler({ client: tw });

    await expect(chain.invoke({ topic: "x" }, { callbacks: [handler] })).resolves.toBe("ok");
    const stream = await chain.stream({ topic: "y" }, { callbacks: [handler] });
    for await (const _ of stream) void _;

    expect(mem.getFinishedObservations()).toHaveLength(0);
    expect(tw.stats()).toMatchObject({ "traces.dropped": 2 });
  });

  it("keeps the tree per invocation when batching", async () => {
    const { tw, mem } = memoryClient();
    const chain = RunnableLambda.from((x: number) => x * 2).pipe(RunnableLambda.from((x: number) => x + 1));

    const results = await chain.batch([1, 2, 3], { callbacks: [new CallbackHandler({ client: tw })] });

    expect(results).toEqual([3, 5, 7]);
    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(3);
    for (const trace of traces) {
      expect(trace.observations).toHaveLength(3);
      const root = trace.observations.find((o) => o.isLocalRoot)!;
      expect(childrenOf(trace.observations, root)).toHaveLength(2);
      expect(root.output).toBe((root.input as number) * 2 + 1);
    }
  });

  it("rejects invalid options with a TracewiseConfigError naming the option", () => {
    expect(() => new CallbackHandler({ userId: 42 as unknown as string })).toThrow(TracewiseConfigError);
    expect(() => new CallbackHandler({ tags: "x" as unknown as string[] })).toThrow(/"tags"/);
    expect(() => new CallbackHandler({ client: {} as never })).toThrow(/"client"/);
  });

  it("never throws from a callback, even given hostile arguments", async () => {
    const { tw } = memoryClient();
    const handler = new CallbackHandler({ client: tw });
    const hostile = new Proxy({}, { get: () => { throw new Error("trap"); }, ownKeys: () => { throw new Error("trap"); } });

    const serialized: Serialized = { lc: 1, type: "not_implemented", id: ["test", "Hostile"] };

    expect(() => handler.handleChainStart(hostile as never, hostile as never, "r0")).not.toThrow();
    expect(() => handler.handleChainStart(serialized, hostile as never, "r1")).not.toThrow();
    expect(() => handler.handleChainEnd(hostile as never, "r1")).not.toThrow();
    expect(() => handler.handleLLMEnd(hostile as never, "unknown-run")).not.toThrow();
    expect(() => handler.handleChatModelStart(serialized, hostile as never, "r2", undefined, hostile as never)).not.toThrow();
    expect(() => handler.handleLLMEnd(hostile as never, "r2")).not.toThrow();
    expect(() => handler.handleChainStart(serialized, {}, "r3")).not.toThrow();
    expect(() => handler.handleChainError(hostile, "r3")).not.toThrow();
    expect(() => handler.handleToolStart(serialized, hostile as never, "r4")).not.toThrow();
    expect(() => handler.handleToolEnd(hostile, "r4")).not.toThrow();

    // Values that cannot be mapped are left out, but every observation that started also ended.
    const stats = tw.stats();
    expect(stats["observations.started"]).toBe(4);
    expect(stats["observations.ended"]).toBe(stats["observations.started"]);
    await tw.shutdown();
  });
});
