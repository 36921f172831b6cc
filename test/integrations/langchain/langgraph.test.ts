import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { observe } from "tracewise";
import { CallbackHandler } from "tracewise/langchain";
import { describe, expect, it } from "vitest";
import { childrenOf, memoryClient, one } from "./helpers/trace-tree";

const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  topic: Annotation<string>(),
});

/** plan (a plain node) → answer (calls a chat model without passing config: LangGraph propagates it). */
function buildGraph(failInPlan = false) {
  const model = new FakeListChatModel({ responses: ["Bears hibernate in winter."] });
  return new StateGraph(State)
    .addNode("plan", (state: typeof State.State) => {
      if (failInPlan) throw new Error("planning failed");
      return { messages: [new HumanMessage(`Explain ${state.topic}`)] };
    })
    .addNode("answer", async (state: typeof State.State) => ({ messages: [await model.invoke(state.messages)] }))
    .addEdge(START, "plan")
    .addEdge("plan", "answer")
    .addEdge("answer", END)
    .compile();
}

describe("CallbackHandler with LangGraph", () => {
  it("traces a graph as an agent with its nodes as chains and the model call nested in its node", async () => {
    const { tw, mem } = memoryClient();

    const result = await buildGraph().invoke(
      { topic: "bears", messages: [] },
      { callbacks: [new CallbackHandler({ client: tw })], metadata: { tracewise_session_id: "graph-session" } },
    );

    expect(result.messages.at(-1)).toBeInstanceOf(AIMessage);
    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(1);
    const trace = traces[0]!;
    expect(trace.sessionId).toBe("graph-session");
    const graph = one(trace.observations, "LangGraph");
    expect(graph).toMatchObject({ type: "agent", isLocalRoot: true });
    expect(graph.input).toEqual({ topic: "bears", messages: [] });
    expect(graph.output).toMatchObject({
      topic: "bears",
      messages: [
        { role: "user", content: "Explain bears" },
        { role: "assistant", content: "Bears hibernate in winter." },
      ],
    });
    const nodes = childrenOf(trace.observations, graph).filter((o) => o.level !== "DEBUG");
    expect(nodes.map((o) => `${o.type} ${o.name}`)).toEqual(["chain plan", "chain answer"]);
    const generation = one(trace.observations, "FakeListChatModel");
    expect(generation.parentObservationId).toBe(nodes[1]!.id);
    expect(generation.input).toEqual([{ role: "user", content: "Explain bears" }]);
    expect(nodes[1]!.metadata).toMatchObject({ langgraph_node: "answer", langgraph_step: 2 });
    expect(trace.observations.every((o) => o.traceId === trace.id)).toBe(true);
  });

  it("marks the failing node and the graph ERROR and rethrows the node's error", async () => {
    const { tw, mem } = memoryClient();

    await expect(buildGraph(true).invoke({ topic: "x", messages: [] }, { callbacks: [new CallbackHandler({ client: tw })] })).rejects.toThrow(
      "planning failed",
    );

    const observations = mem.getFinishedObservations();
    expect(one(observations, "plan")).toMatchObject({ level: "ERROR", statusMessage: "Error: planning failed" });
    expect(one(observations, "LangGraph")).toMatchObject({ level: "ERROR" });
  });

  it("nests concurrent graph runs under their own observe()d calls", async () => {
    const { tw, mem } = memoryClient();
    const handler = new CallbackHandler({ client: tw });
    const graph = buildGraph();
    const run = observe(async function run(topic: string) {
      return graph.invoke({ topic, messages: [] }, { callbacks: [handler] });
    }, { client: tw });

    await Promise.all(["a", "b", "c", "d", "e"].map((t) => run(t)));

    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(5);
    for (const trace of traces) {
      const root = one(trace.observations, "run");
      const graphRun = one(trace.observations, "LangGraph");
      expect(graphRun.parentObservationId).toBe(root.id);
      const topic = (graphRun.input as { topic: string }).topic;
      expect(one(trace.observations, "FakeListChatModel").input).toEqual([{ role: "user", content: `Explain ${topic}` }]);
    }
  });
});
