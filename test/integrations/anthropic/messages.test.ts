import Anthropic, { APIPromise } from "@anthropic-ai/sdk";
import { Stream } from "@anthropic-ai/sdk/core/streaming";
import { MessageStream } from "@anthropic-ai/sdk/lib/MessageStream";
import { observe } from "tracewise";
import { observeAnthropic } from "tracewise/anthropic";
import { describe, expect, it } from "vitest";
import { LATE_TEXT_DELAY_MS, TEXT, TOOL_INPUT } from "../../helpers/anthropic-server";
import { until } from "../openai/openai-fixture";
import { HELLO, useAnthropicFixture, WEATHER_TOOL } from "./anthropic-fixture";

const f = useAnthropicFixture();
const CACHED = { ...HELLO, system: [{ type: "text" as const, text: "A long cached system prompt.", cache_control: { type: "ephemeral" as const } }] };

describe("observeAnthropic: messages.create", () => {
  it("records a message as a generation: chat input with the system prompt, parameters, output, usage, stop reason", async () => {
    const message = await f.traced().messages.create({ ...HELLO, service_tier: "standard_only", thinking: { type: "adaptive" }, stop_sequences: ["END"] });
    expect(message.content[0]).toMatchObject({ type: "text", text: TEXT });
    expect(f.only()).toMatchObject({
      name: "Anthropic.messages.create",
      type: "generation",
      level: "DEFAULT",
      model: "claude-sonnet-5-5-20250929",
      modelParameters: { max_tokens: 256, service_tier: "standard_only", thinking: '{"type":"adaptive"}', stop_sequences: ["END"] },
      input: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Say hello" },
      ],
      output: { role: "assistant", content: TEXT },
      usageDetails: { input: 25, output: 12, total: 37 },
      metadata: { responseId: "msg_local", finishReason: "end_turn", serviceTier: "standard", requestedModel: "claude-sonnet-5-5" },
    });
  });

  it("keeps input and output but leaves out cache counts of zero, as every integration does", async () => {
    await f.traced().messages.create(HELLO);
    expect(f.only().usageDetails).toEqual({ input: 25, output: 12, total: 37 });
  });

  it("records cache reads and writes under the keys every integration uses, and cost from the given prices", async () => {
    const prices = { "claude-sonnet-5-5": { input: 3, input_cached_tokens: 0.3, input_cache_creation: 3.75, output: 15 } };
    await f.traced({ pricesPerMillionTokens: prices }).messages.create(CACHED);
    const gen = f.only();
    expect(gen.usageDetails).toEqual({ input: 25, input_cached_tokens: 100, input_cache_creation: 40, output: 12, total: 177 });
    const expected = { input: 25 * 3e-6, input_cached_tokens: 100 * 0.3e-6, input_cache_creation: 40 * 3.75e-6, output: 12 * 15e-6 };
    for (const [key, usd] of Object.entries(expected)) expect(gen.costDetails?.[key]).toBeCloseTo(usd, 12);
    expect(gen.costDetails?.total).toBeCloseTo(Object.values(expected).reduce((a, b) => a + b), 12);
  });

  it("records tool use: the tools offered as input, the tool_use block as output", async () => {
    const message = await f.traced().messages.create({ ...HELLO, tools: [WEATHER_TOOL], tool_choice: { type: "auto" } });
    expect(message.stop_reason).toBe("tool_use");
    const gen = f.only();
    expect(gen.input).toEqual({ messages: [{ role: "system", content: "You are terse." }, { role: "user", content: "Say hello" }], tools: [WEATHER_TOOL] });
    expect(gen.modelParameters).toMatchObject({ tool_choice: '{"type":"auto"}' });
    expect(gen.output).toEqual({ role: "assistant", content: [{ type: "text", text: "Let me check the weather.", citations: null }, { type: "tool_use", id: "toolu_paris", name: "get_weather", input: TOOL_INPUT }] });
    expect(gen.metadata?.finishReason).toBe("tool_use");
  });

  it("keeps withResponse(), asResponse() and the APIPromise class", async () => {
    const anthropic = f.traced();
    const promise = anthropic.messages.create(HELLO);
    expect(promise).toBeInstanceOf(APIPromise);
    const { data, response, request_id } = await promise.withResponse();
    expect(data.id).toBe("msg_local");
    expect(response.headers.get("request-id")).toBe(request_id);
    const raw = await anthropic.messages.create(HELLO).asResponse();
    expect(((await raw.json()) as { id: string }).id).toBe("msg_local");
    await until(() => f.observations().length === 2);
    expect(f.observations()[1]?.metadata).toMatchObject({ rawResponse: true });
  });

  it("records an API error at level ERROR with status and type, and rethrows the SDK's own error", async () => {
    const error = await f.traced().messages.create({ ...HELLO, model: "error-529" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(f.only()).toMatchObject({ level: "ERROR", statusMessage: expect.stringContaining("Overloaded"), metadata: { errorStatus: 529, errorType: "overloaded_error" } });
  });

  it("nests under observe(), and passes untraced resources through", async () => {
    const anthropic = observeAnthropic(f.raw(), {});
    const run = observe(async () => anthropic.messages.create(HELLO), { name: "answer", client: f.tw });
    await run();
    const models = await anthropic.models.list();
    expect(models.data[0]?.id).toBe("claude-sonnet-5-5");
    const [gen, root] = f.observations();
    expect(root?.name).toBe("answer");
    expect(gen).toMatchObject({ name: "Anthropic.messages.create", parentObservationId: root?.id, traceId: root?.traceId });
    expect(f.observations()).toHaveLength(2);
  });

  it("wraps the client withOptions() returns", async () => {
    await f.traced().withOptions({ timeout: 5000 }).messages.create(HELLO);
    expect(f.only().name).toBe("Anthropic.messages.create");
  });
});

describe("observeAnthropic: streams", () => {
  it("records a stream: true message with its usage, stop reason and the time of the first text, not of the empty block start", async () => {
    const start = Date.now();
    const stream = await f.traced().messages.create({ ...HELLO, model: "late-text", stream: true });
    expect(stream).toBeInstanceOf(Stream);
    let text = "";
    for await (const event of stream) if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
    expect(text).toBe(TEXT);
    const gen = f.only();
    expect(gen).toMatchObject({ output: { role: "assistant", content: TEXT }, usageDetails: { input: 25, output: 12, total: 37 }, metadata: { finishReason: "end_turn" } });
    // The server paused LATE_TEXT_DELAY_MS after the empty block start; the first token is the first delta.
    expect(gen.completionStartTime).toBeGreaterThanOrEqual(f.server.firstDeltaAt[0] ?? Infinity);
    expect(gen.completionStartTime).toBeGreaterThanOrEqual(start + LATE_TEXT_DELAY_MS);
  });

  it("assembles a streamed tool_use block from its JSON deltas", async () => {
    for await (const _ of await f.traced().messages.create({ ...HELLO, tools: [WEATHER_TOOL], stream: true }));
    expect(f.only().output).toEqual({ role: "assistant", content: [{ type: "text", text: "Let me check the weather.", citations: null }, { type: "tool_use", id: "toolu_paris", name: "get_weather", input: TOOL_INPUT }] });
  });

  it("messages.stream keeps the MessageStream, its events and finalMessage(), recording one generation named after the helper", async () => {
    const stream = f.traced().messages.stream(CACHED);
    expect(stream).toBeInstanceOf(MessageStream);
    const texts: string[] = [];
    stream.on("text", (delta) => texts.push(delta));
    const final = await stream.finalMessage();
    expect(texts.join("")).toBe(TEXT);
    expect(final.usage).toMatchObject({ cache_read_input_tokens: 100, output_tokens: 12 });
    await until(() => f.observations().length === 1);
    const gen = f.only();
    expect(gen).toMatchObject({
      name: "Anthropic.messages.stream",
      type: "generation",
      output: { role: "assistant", content: TEXT },
      usageDetails: { input: 25, input_cached_tokens: 100, input_cache_creation: 40, output: 12, total: 177 },
    });
    expect(gen.completionStartTime).toBeDefined();
    expect(f.server.requests[0]?.body.stream).toBe(true);
  });

  it("keeps tee(), recording the stream once", async () => {
    const [left, right] = (await f.traced().messages.create({ ...HELLO, stream: true })).tee();
    const read = async (s: typeof left): Promise<number> => {
      let n = 0;
      for await (const _ of s) n++;
      return n;
    };
    const [a, b] = await Promise.all([read(left), read(right)]);
    expect(a).toBe(b);
    expect(f.only().output).toEqual({ role: "assistant", content: TEXT });
  });

  it("records an error event mid-stream at level ERROR with what arrived", async () => {
    const stream = await f.traced().messages.create({ ...HELLO, model: "stream-error", stream: true });
    await expect(async () => {
      for await (const _ of stream);
    }).rejects.toThrow(/Overloaded/);
    expect(f.only()).toMatchObject({ level: "ERROR", statusMessage: expect.stringContaining("Overloaded"), output: { role: "assistant", content: TEXT } });
  });

  it("ends the generation at WARNING when the reader leaves early, at ERROR when the helper is aborted", async () => {
    const stream = await f.traced().messages.create({ ...HELLO, model: "slow", stream: true });
    let n = 0;
    for await (const _ of stream) if (++n === 6) break;
    expect(f.only()).toMatchObject({ level: "WARNING", metadata: { streamEnd: "abandoned" }, output: { content: expect.stringMatching(/^tick 0 tick 1 /) } });
    f.mem.reset();
    const helper = f.traced().messages.stream({ ...HELLO, model: "slow" });
    let deltas = 0;
    helper.on("text", () => {
      if (++deltas === 3) helper.abort();
    });
    await expect(helper.done()).rejects.toThrow(/abort/i);
    await until(() => f.observations().length === 1);
    expect(f.only()).toMatchObject({ level: "ERROR", output: { content: expect.stringMatching(/^tick 0 tick 1 tick 2 /) } });
  });
});

describe("observeAnthropic: token counting and batches", () => {
  it("records countTokens as a span with the count as output, not as usage", async () => {
    const count = await f.traced().messages.countTokens({ model: HELLO.model, system: HELLO.system, messages: HELLO.messages });
    expect(count.input_tokens).toBe(42);
    const span = f.only();
    expect(span).toMatchObject({ name: "Anthropic.messages.countTokens", type: "span", output: { input_tokens: 42 } });
    expect(span.usageDetails).toBeUndefined();
  });

  it("records batches.create as a span with the requests as input and the batch as output", async () => {
    const requests = [{ custom_id: "a", params: HELLO }];
    const batch = await f.traced().messages.batches.create({ requests });
    expect(batch.id).toBe("msgbatch_local");
    expect(f.only()).toMatchObject({ name: "Anthropic.messages.batches.create", type: "span", input: requests, output: { id: "msgbatch_local", processing_status: "in_progress" }, metadata: { batchId: "msgbatch_local" } });
  });
});

describe("observeAnthropic: options", () => {
  it("throws at construction for an invalid option, naming it", () => {
    expect(() => observeAnthropic(f.raw(), { promptVersion: -1 })).toThrow(/promptVersion/);
    expect(() => observeAnthropic(f.raw(), { nope: 1 } as never)).toThrow(/nope/);
  });

  it("links the prompt given in the options and names the generation", async () => {
    await f.traced({ promptName: "greeting", promptVersion: 3, generationName: "greet" }).messages.create(HELLO);
    expect(f.only()).toMatchObject({ name: "greet", promptName: "greeting", promptVersion: 3 });
  });
});
