import { InMemoryExporter, Tracewise } from "tracewise";
import { observeOpenAI, toUsageDetails } from "tracewise/openai";
import { describe, expect, it } from "vitest";
import { toCostDetails } from "../../../integrations/shared/cost-details";
import { extractModelParameters } from "../../../integrations/openai/model-parameters";

describe("usage mapping", () => {
  it("subtracts every detail from its parent: cached and audio input, reasoning, audio and prediction output", () => {
    expect(
      toUsageDetails({
        prompt_tokens: 200,
        completion_tokens: 100,
        total_tokens: 300,
        prompt_tokens_details: { cached_tokens: 50, audio_tokens: 30 },
        completion_tokens_details: { reasoning_tokens: 40, audio_tokens: 5, accepted_prediction_tokens: 0, rejected_prediction_tokens: 3 },
      }),
    ).toEqual({
      input: 120,
      input_cached_tokens: 50,
      input_audio_tokens: 30,
      output: 52,
      output_reasoning_tokens: 40,
      output_audio_tokens: 5,
      output_rejected_prediction_tokens: 3,
      total: 300,
    });
  });

  it("maps Responses and embeddings usage, and ignores what is not usage", () => {
    expect(toUsageDetails({ input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 4 }, output_tokens_details: { reasoning_tokens: 0 } })).toEqual({ input: 6, input_cached_tokens: 4, output: 5, total: 15 });
    expect(toUsageDetails({ prompt_tokens: 8, total_tokens: 8 })).toEqual({ input: 8, total: 8 });
    expect(toUsageDetails(null)).toBeUndefined();
    expect(toUsageDetails({ prompt_tokens: "many" })).toBeUndefined();
    expect(toUsageDetails({ prompt_tokens: 1, prompt_tokens_details: { cached_tokens: 5 } })).toEqual({ input: 0, input_cached_tokens: 5 });
  });
});

describe("cost", () => {
  it("prices each usage key by the returned model, then the requested one; no prices, no cost", () => {
    const usage = { input: 1_000_000, output: 500_000, output_reasoning_tokens: 500_000, total: 2_000_000 };
    expect(toCostDetails(usage, { "gpt-4o": { input: 2.5, output: 10 } }, ["gpt-4o-2024-08-06", "gpt-4o"])).toEqual({ input: 2.5, output: 5, output_reasoning_tokens: 5, total: 12.5 });
    expect(toCostDetails(usage, { other: { input: 1 } }, ["gpt-4o"])).toBeUndefined();
    expect(toCostDetails(undefined, { "gpt-4o": { input: 1 } }, ["gpt-4o"])).toBeUndefined();
  });
});

describe("model parameters", () => {
  it("keeps scalars and string lists, flattens Responses' nested parameters and turns objects into JSON", () => {
    expect(
      extractModelParameters({
        model: "o3",
        messages: [],
        max_completion_tokens: 100,
        frequency_penalty: 0.5,
        presence_penalty: 0,
        reasoning_effort: "high",
        stop: ["END"],
        tool_choice: { type: "function", function: { name: "f" } },
        logit_bias: { "50256": -100 },
        temperature: Number.NaN,
      }),
    ).toEqual({
      max_completion_tokens: 100,
      frequency_penalty: 0.5,
      presence_penalty: 0,
      reasoning_effort: "high",
      stop: ["END"],
      tool_choice: '{"type":"function","function":{"name":"f"}}',
      logit_bias: '{"50256":-100}',
    });
    expect(extractModelParameters({ reasoning: { effort: "low", summary: "auto" }, text: { format: { type: "text" }, verbosity: "low" } })).toEqual({
      reasoning_effort: "low",
      reasoning_summary: "auto",
      response_format: '{"type":"text"}',
      verbosity: "low",
    });
    expect(extractModelParameters({ model: "m" })).toBeUndefined();
  });
});

describe("shapes other openai versions share", () => {
  it("works with plain promises and streams without an `iterator` field", async () => {
    const mem = new InMemoryExporter();
    const tw = new Tracewise({ exporter: mem, global: false, logLevel: "error" });
    async function* chunks() {
      yield { id: "c1", model: "m-1", choices: [{ index: 0, delta: { role: "assistant", content: "Hi" } }] };
      yield { id: "c1", model: "m-1", choices: [{ index: 0, delta: { content: " there" }, finish_reason: "stop" }] };
    }
    const client = { chat: { completions: { create: (body: { stream?: boolean }) => Promise.resolve(body.stream === true ? { [Symbol.asyncIterator]: chunks } : { choices: [{ message: { role: "assistant", content: "Hi" } }] }) } } };
    const traced = observeOpenAI(client, { client: tw });
    await traced.chat.completions.create({});
    const stream = (await traced.chat.completions.create({ stream: true })) as AsyncIterable<unknown>;
    for await (const _ of stream);
    expect(mem.getFinishedObservations().map((o) => o.output)).toEqual([{ role: "assistant", content: "Hi" }, { role: "assistant", content: "Hi there" }]);
  });
});
