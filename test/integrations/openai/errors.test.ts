import { observeOpenAI } from "tracewise/openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HELLO, useOpenAIFixture } from "./openai-fixture";
import { OPENAI_SDKS } from "./openai-versions";

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

describe.each(OPENAI_SDKS)("$label", (sdk) => {
  const f = useOpenAIFixture(sdk);

  describe("API errors", () => {
    it.each([
      [400, sdk.OpenAI.BadRequestError, "Invalid value for 'temperature'"],
      [429, sdk.OpenAI.RateLimitError, "Rate limit reached"],
      [500, sdk.OpenAI.InternalServerError, "The server had an error"],
    ])("%i: ends the generation at level ERROR with the API's message and re-throws the SDK's error", async (status, ErrorClass, message) => {
      const error = await f.traced().chat.completions.create({ ...HELLO, model: `error-${status}` }).then(() => undefined, (e: unknown) => e);
      const bare = await f.raw().chat.completions.create({ ...HELLO, model: `error-${status}` }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect((error as Error).message).toBe((bare as Error).message);
      const gen = f.only();
      expect(gen.level).toBe("ERROR");
      expect(gen.statusMessage).toContain(message);
      expect(gen.metadata).toMatchObject({ errorStatus: status });
    });

    it("records one successful generation when the client's own retry succeeds", async () => {
      f.server.failNext(500, 1);
      const completion = await f.traced({}, { maxRetries: 2 }).chat.completions.create(HELLO);
      expect(completion.choices[0]?.message.content).toBe("Hello from the local server.");
      expect(f.server.requests).toHaveLength(2);
      expect(f.only().level).toBe("DEFAULT");
    });

    it("records an error raised mid-stream with what arrived, and re-throws it to the reader", async () => {
      const stream = await f.traced().chat.completions.create({ ...HELLO, model: "stream-error", stream: true });
      let text = "";
      const error = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      })().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(sdk.OpenAI.APIError);
      const gen = f.only();
      expect(gen).toMatchObject({ level: "ERROR", statusMessage: "The model crashed mid-stream.", output: { content: text } });
    });

    it("records errors of a streamed request that fails before streaming", async () => {
      await expect(f.traced().responses.create({ model: "error-429", input: "x", stream: true })).rejects.toBeInstanceOf(sdk.OpenAI.RateLimitError);
      expect(f.only()).toMatchObject({ name: "OpenAI.responses.create", level: "ERROR" });
    });
  });
});

describe("the caller's errors and values are never touched", () => {
  const f = useOpenAIFixture();
  const failing = (error: Error, sync: boolean) => ({
    chat: {
      completions: {
        create: (_body?: unknown) => {
          if (sync) throw error;
          return Promise.reject(error);
        },
      },
    },
  });

  it("re-throws the very same error object, thrown or rejected", async () => {
    const error = new Error("boom");
    expect(() => observeOpenAI(failing(error, true), { client: f.tw }).chat.completions.create()).toThrow(error);
    await expect(observeOpenAI(failing(error, false), { client: f.tw }).chat.completions.create()).rejects.toBe(error);
    expect(f.observations().map((o) => [o.level, o.statusMessage])).toEqual([["ERROR", "boom"], ["ERROR", "boom"]]);
  });

  it("returns hostile or unexpected response shapes unchanged, without throwing", async () => {
    const hostile = Object.defineProperty({ usage: { prompt_tokens: "many" } }, "choices", {
      get() {
        throw new Error("hostile getter");
      },
    });
    const client = { chat: { completions: { create: (_body: unknown) => Promise.resolve(hostile) } }, embeddings: { create: (_body: unknown) => Promise.resolve(null) } };
    const traced = observeOpenAI(client, { client: f.tw });
    await expect(traced.chat.completions.create({ model: "m", messages: "not a list" })).resolves.toBe(hostile);
    await expect(traced.embeddings.create({ model: "m", input: 1 })).resolves.toBeNull();
    // The generation still ends (without what could not be read); the failure went to the error sink.
    expect(f.observations().map((o) => o.level)).toEqual(["DEFAULT", "DEFAULT"]);
    expect(f.tw.stats()["errors.internal"]).toBeGreaterThan(0);
  });
});
