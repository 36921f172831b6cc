import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { RunnableLambda } from "@langchain/core/runnables";
import { FakeChatModel } from "@langchain/core/utils/testing";
import { observe, type ObservationRecord } from "tracewise";
import { CallbackHandler } from "tracewise/langchain";
import { describe, expect, it } from "vitest";
import { childrenOf, memoryClient, one } from "./helpers/trace-tree";

/** Waits a few milliseconds, varying by id, so that concurrent invocations interleave. */
const jitter = (id: number) => new Promise((resolve) => setTimeout(resolve, (id * 7) % 5));

/** tag (with jitter) → prompt → echoing chat model → parser: the output names the invocation's id. */
function echoChain() {
  const tag = RunnableLambda.from(async (input: { id: number }) => {
    await jitter(input.id);
    return { id: String(input.id) };
  }).withConfig({ runName: "tag" });
  const prompt = ChatPromptTemplate.fromMessages([["human", "request {id}"]]);
  return tag.pipe(prompt).pipe(new FakeChatModel({})).pipe(new StringOutputParser()).withConfig({ runName: "echo" });
}

/** Every observation of the trace mentions only `id` in its input/output (no mixing between invocations). */
function expectOnlyId(observations: readonly ObservationRecord[], id: number): void {
  const text = JSON.stringify(observations.map((o) => [o.input, o.output]));
  const ids = new Set([...text.matchAll(/request (\d+)|"id":"?(\d+)/g)].map((m) => Number(m[1] ?? m[2])));
  expect([...ids]).toEqual([id]);
}

describe("CallbackHandler under concurrency and nesting", () => {
  it("keeps 200 concurrent invocations through one handler in 200 separate, complete traces", async () => {
    const { tw, mem } = memoryClient();
    const handler = new CallbackHandler({ client: tw });
    const chain = echoChain();

    const results = await Promise.all(Array.from({ length: 200 }, (_, id) => chain.invoke({ id }, { callbacks: [handler] })));

    expect(results).toEqual(Array.from({ length: 200 }, (_, id) => `request ${id}`));
    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(200);
    for (const trace of traces) {
      expect(trace.observations).toHaveLength(5);
      const root = one(trace.observations, "echo");
      expect(root.isLocalRoot).toBe(true);
      expect(childrenOf(trace.observations, root).map((o) => o.name)).toEqual(["tag", "ChatPromptTemplate", "FakeChatModel", "StrOutputParser"]);
      const id = (root.input as { id: number }).id;
      expect(root.output).toBe(`request ${id}`);
      expect(one(trace.observations, "FakeChatModel").output).toEqual({ role: "assistant", content: `request ${id}` });
      expectOnlyId(trace.observations, id);
    }
    expect(new Set(traces.map((t) => (t.observations.find((o) => o.isLocalRoot)!.input as { id: number }).id)).size).toBe(200);
  });

  it("nests the LangChain tree under the current observe()d call", async () => {
    const { tw, mem } = memoryClient();
    const handler = new CallbackHandler();
    const chain = echoChain();
    const answer = observe(async function answer(id: number) {
      return chain.invoke({ id }, { callbacks: [handler] });
    }, { client: tw });

    await expect(answer(7)).resolves.toBe("request 7");

    const [trace] = mem.getFinishedTraces();
    expect(mem.getFinishedTraces()).toHaveLength(1);
    const root = one(trace!.observations, "answer");
    expect(root.isLocalRoot).toBe(true);
    expect(one(trace!.observations, "echo").parentObservationId).toBe(root.id);
    expect(trace!.observations).toHaveLength(6);
    expect(trace!.name).toBe("answer");
  });

  it("nests 50 concurrent observe()d calls sharing one handler each under its own call", async () => {
    const { tw, mem } = memoryClient();
    const handler = new CallbackHandler({ client: tw });
    const chain = echoChain();
    const answer = observe(async function answer(id: number) {
      await jitter(id + 1);
      return chain.invoke({ id }, { callbacks: [handler] });
    }, { client: tw });

    await Promise.all(Array.from({ length: 50 }, (_, id) => answer(id)));

    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(50);
    for (const trace of traces) {
      const root = one(trace.observations, "answer");
      const echo = one(trace.observations, "echo");
      const id = (echo.input as { id: number }).id;
      expect(echo.parentObservationId).toBe(root.id);
      expect(root.output).toBe(`request ${id}`);
      expectOnlyId(trace.observations, id);
    }
  });

  it("nests under withObservation and under the parent option, and sets the caller's trace user from options", async () => {
    const { tw, mem } = memoryClient();
    const chain = echoChain();
    const outer = tw.trace({ name: "request" });
    await tw.withObservation(outer, () => chain.invoke({ id: 1 }, { callbacks: [new CallbackHandler({ client: tw, userId: "u1" })] }));
    const step = outer.span({ name: "step" });
    await chain.invoke({ id: 2 }, { callbacks: [new CallbackHandler({ client: tw, parent: step })] });
    step.end();
    outer.end();

    const [trace] = mem.getFinishedTraces();
    expect(mem.getFinishedTraces()).toHaveLength(1);
    expect(trace!.userId).toBe("u1");
    const echoes = trace!.observations.filter((o) => o.name === "echo");
    expect(echoes.map((o) => o.parentObservationId).sort()).toEqual([outer.root.id, step.id].sort());
    expect(trace!.name).toBe("request");
  });

  it("records nothing, and starts no trace, when nested under a dropped trace", async () => {
    const { tw, mem } = memoryClient();
    const dropped = tw.trace({ name: "dropped", sampled: false });

    await tw.withObservation(dropped, () => echoChain().invoke({ id: 1 }, { callbacks: [new CallbackHandler({ client: tw })] }));
    dropped.end();

    expect(mem.getFinishedObservations()).toHaveLength(0);
    expect(tw.stats()).toMatchObject({ "traces.started": 1 });
  });

  it("awaits its callbacks, so a trace is complete when invoke resolves", async () => {
    const { tw, mem } = memoryClient();
    const handler = new CallbackHandler({ client: tw });
    expect(handler.awaitHandlers).toBe(true);

    await echoChain().invoke({ id: 3 }, { callbacks: [handler] });

    expect(mem.getFinishedObservations()).toHaveLength(5);
  });
});
