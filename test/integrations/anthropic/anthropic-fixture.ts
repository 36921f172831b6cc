import Anthropic from "@anthropic-ai/sdk";
import { InMemoryExporter, Tracewise, type ObservationRecord } from "tracewise";
import { observeAnthropic, type ObserveAnthropicOptions } from "tracewise/anthropic";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startAnthropicServer, type AnthropicServer } from "../../helpers/anthropic-server";

/** Shared state of an Anthropic integration test suite: a local server, an in-memory exporter, clients. */
export interface AnthropicFixture {
  server: AnthropicServer;
  mem: InMemoryExporter;
  tw: Tracewise;
  /** A new unwrapped client against the local server (no retries). */
  raw(options?: ConstructorParameters<typeof Anthropic>[0]): Anthropic;
  /** A new traced client against the local server, recording into `mem`. */
  traced(options?: ObserveAnthropicOptions): Anthropic;
  observations(): ObservationRecord[];
  /** The only finished observation (fails if there is not exactly one). */
  only(): ObservationRecord;
}

/** Registers the hooks of an Anthropic test suite and returns its fixture. */
export function useAnthropicFixture(): AnthropicFixture {
  const mem = new InMemoryExporter();
  const tw = new Tracewise({ exporter: mem, global: false, logLevel: "error" });
  const fixture = { mem, tw } as AnthropicFixture;
  beforeAll(async () => {
    fixture.server = await startAnthropicServer();
  });
  afterAll(async () => {
    await fixture.server.close();
  });
  beforeEach(() => {
    mem.reset();
    fixture.server.requests.length = 0;
    fixture.server.firstDeltaAt.length = 0;
  });
  fixture.raw = (options) => new Anthropic({ apiKey: "sk-ant-test", baseURL: fixture.server.baseURL, maxRetries: 0, ...options });
  fixture.traced = (options) => observeAnthropic(fixture.raw(), { client: tw, ...options });
  fixture.observations = () => mem.getFinishedObservations();
  fixture.only = () => {
    const all = mem.getFinishedObservations();
    if (all.length !== 1) throw new Error(`expected exactly one observation, got ${all.length}: ${all.map((o) => o.name).join(", ")}`);
    return all[0] as ObservationRecord;
  };
  return fixture;
}

/** A Messages request for the local server. */
export const HELLO = {
  model: "claude-sonnet-5-5",
  max_tokens: 256,
  system: "You are terse.",
  messages: [{ role: "user" as const, content: "Say hello" }],
};

/** A tool the local server answers with a `tool_use` block. */
export const WEATHER_TOOL = {
  name: "get_weather",
  description: "Weather in a city",
  input_schema: { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] },
};
