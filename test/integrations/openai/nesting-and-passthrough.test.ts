import { observe, TracewiseConfigError } from "tracewise";
import { observeOpenAI, type ObserveOpenAIOptions } from "tracewise/openai";
import { describe, expect, it } from "vitest";
import { HELLO, useOpenAIFixture } from "./openai-fixture";
import { OPENAI_SDKS } from "./openai-versions";

describe.each(OPENAI_SDKS)("$label", (sdk) => {
  const f = useOpenAIFixture(sdk);

  describe("nesting and sampling", () => {
    it("is a child generation of the current observation inside observe()", async () => {
      const openai = f.traced();
      const answer = observe(async () => (await openai.chat.completions.create(HELLO)).choices[0]?.message.content, { name: "answer", client: f.tw });
      expect(await answer()).toBe("Hello from the local server.");
      const [gen, span] = f.observations();
      expect(span?.name).toBe("answer");
      expect(gen).toMatchObject({ type: "generation", traceId: span?.traceId, parentObservationId: span?.id, isLocalRoot: false });
    });

    it("is a child of the observation given to withObservation(), or of the explicit parent option", async () => {
      const trace = f.tw.trace({ name: "pipeline" });
      const step = trace.span({ name: "step" });
      await f.tw.withObservation(step, () => f.traced().chat.completions.create(HELLO));
      await f.traced({ parent: trace }).embeddings.create({ model: "text-embedding-3-small", input: "x" });
      await f.tw.withObservation(step, () => f.traced({ parent: trace.root }).chat.completions.create(HELLO));
      step.end();
      trace.end();
      const byName = f.observations();
      expect(byName[0]).toMatchObject({ type: "generation", parentObservationId: step.id });
      expect(byName[1]).toMatchObject({ type: "embedding", parentObservationId: trace.root.id });
      expect(byName[2]).toMatchObject({ type: "generation", parentObservationId: trace.root.id });
    });

    it("records nothing under a dropped trace and still returns the SDK's result", async () => {
      const openai = f.traced();
      const run = observe(
        async () => {
          const stream = await openai.chat.completions.create({ ...HELLO, stream: true });
          let text = "";
          for await (const c of stream) text += c.choices[0]?.delta.content ?? "";
          return [text, (await openai.chat.completions.create(HELLO)).choices[0]?.message.content];
        },
        { client: f.tw, sampled: false },
      );
      expect(await run()).toEqual(["Hello from the local server.", "Hello from the local server."]);
      expect(f.observations()).toEqual([]);
      const dropped = f.tw.trace({ sampled: false });
      await f.traced({ parent: dropped }).chat.completions.create(HELLO);
      expect(f.observations()).toEqual([]);
    });

    it("sets userId, sessionId, tags and metadata on a trace the call starts", async () => {
      await f.traced({ userId: "u-1", sessionId: "s-1", tags: ["support"], metadata: { tenant: "acme" } }).chat.completions.create(HELLO);
      const [trace] = f.mem.getFinishedTraces();
      expect(trace).toMatchObject({ userId: "u-1", sessionId: "s-1", tags: ["support"], metadata: { tenant: "acme" } });
      expect(f.only().metadata).toMatchObject({ tenant: "acme", responseId: "chatcmpl-local" });
    });

    it("links the prompt and uses generationName, also for a nested call", async () => {
      const options: ObserveOpenAIOptions = { generationName: "support-answer", promptName: "support", promptVersion: 3 };
      await f.traced(options).chat.completions.create(HELLO);
      await observe(() => f.traced(options).chat.completions.create(HELLO), { client: f.tw })();
      const gens = f.observations().filter((o) => o.type === "generation");
      expect(gens).toHaveLength(2);
      for (const gen of gens) expect(gen).toMatchObject({ name: "support-answer", promptName: "support", promptVersion: 3 });
    });

    it("rejects invalid options with a TracewiseConfigError naming the option", () => {
      expect(() => observeOpenAI(f.raw(), { promptVersion: -1 })).toThrow(TracewiseConfigError);
      expect(() => observeOpenAI(f.raw(), { promptVersion: -1 })).toThrow(/promptVersion/);
      expect(() => observeOpenAI(f.raw(), { generationNmae: "x" } as ObserveOpenAIOptions)).toThrow(/generationNmae/);
    });
  });

  describe("everything else passes through", () => {
    it("keeps the client's identity, fields and untraced resources", async () => {
      const openai = f.traced();
      expect(openai).toBeInstanceOf(sdk.OpenAI);
      expect(openai.apiKey).toBe("sk-test");
      expect(openai.baseURL).toBe(f.server.baseURL);
      expect(openai.chat).toBe(openai.chat);
      expect(openai.chat.completions.create).toBe(openai.chat.completions.create);
      const models: string[] = [];
      for await (const model of openai.models.list()) models.push(model.id);
      expect(models).toEqual(["gpt-4o-mini", "gpt-4.1", "text-embedding-3-small"]);
      expect(f.observations()).toEqual([]);
    });

    it("keeps cursor pagination (for await) on a traced resource's untraced methods", async () => {
      const ids: string[] = [];
      for await (const completion of f.traced().chat.completions.list({ limit: 2 })) ids.push(completion.id);
      expect(ids).toHaveLength(5);
      expect(f.server.requests.map((r) => new URL(r.path, "http://x").pathname)).toEqual(["/v1/chat/completions", "/v1/chat/completions", "/v1/chat/completions"]);
      expect(f.observations()).toEqual([]);
    });

    it("does not trace twice when wrapped twice", async () => {
      await observeOpenAI(f.traced(), { client: f.tw, generationName: "outer" }).chat.completions.create(HELLO);
      expect(f.only().name).toBe("outer");
    });

    it("traces a client derived with withOptions(), with the same options (openai ≥ 5; v4 has none and gets none)", async () => {
      const openai = observeOpenAI(f.traced(), { client: f.tw, generationName: "outer" });
      if (sdk.major === 4) {
        // withOptions() arrived in openai 5: the wrapper must not invent it on a v4 client.
        expect((openai as unknown as { withOptions?: unknown }).withOptions).toBeUndefined();
        return;
      }
      await openai.withOptions({ timeout: 5_000 }).chat.completions.create(HELLO);
      expect(f.only().name).toBe("outer");
    });
  });
});
