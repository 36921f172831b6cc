import type OpenAI from "openai";
import { InMemoryExporter, Tracewise, type ObservationRecord } from "tracewise";
import { observeOpenAI, type ObserveOpenAIOptions } from "tracewise/openai";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startOpenAIServer, type OpenAIServer } from "../../helpers/openai-server";
import { NEWEST_SDK, type OpenAISdk } from "./openai-versions";

/** Shared state of an OpenAI integration test suite: a local server, an in-memory exporter, clients. */
export interface OpenAIFixture {
  /** The SDK the clients come from. */
  sdk: OpenAISdk;
  server: OpenAIServer;
  mem: InMemoryExporter;
  tw: Tracewise;
  /** A new unwrapped client against the local server (no retries unless asked). */
  raw(options?: ConstructorParameters<typeof OpenAI>[0]): OpenAI;
  /** A new traced client against the local server, recording into `mem`. */
  traced(options?: ObserveOpenAIOptions, clientOptions?: ConstructorParameters<typeof OpenAI>[0]): OpenAI;
  /** The finished observations. */
  observations(): ObservationRecord[];
  /** The only finished observation (fails if there is not exactly one). */
  only(): ObservationRecord;
}

/**
 * Registers the hooks of an OpenAI integration test suite (in the current `describe`, or the file) and
 * returns its fixture, whose clients come from `sdk` (the newest SDK by default).
 */
export function useOpenAIFixture(sdk: OpenAISdk = NEWEST_SDK): OpenAIFixture {
  const mem = new InMemoryExporter();
  const tw = new Tracewise({ exporter: mem, global: false, logLevel: "error" });
  const fixture = { sdk, mem, tw } as OpenAIFixture;
  beforeAll(async () => {
    fixture.server = await startOpenAIServer();
  });
  afterAll(async () => {
    await fixture.server.close();
  });
  beforeEach(() => {
    mem.reset();
    fixture.server.requests.length = 0;
  });
  fixture.raw = (options) => new sdk.OpenAI({ apiKey: "sk-test", baseURL: fixture.server.baseURL, maxRetries: 0, ...options });
  fixture.traced = (options, clientOptions) => observeOpenAI(fixture.raw(clientOptions), { client: tw, ...options });
  fixture.observations = () => mem.getFinishedObservations();
  fixture.only = () => {
    const all = mem.getFinishedObservations();
    if (all.length !== 1) throw new Error(`expected exactly one observation, got ${all.length}: ${all.map((o) => o.name).join(", ")}`);
    return all[0] as ObservationRecord;
  };
  return fixture;
}

/** Resolves once `predicate` holds, polling on the event loop (no timing thresholds: bounded by the test timeout). */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A chat request for the local server. */
export const HELLO = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "Say hello" }] };

/** A function tool definition the local server answers with parallel calls. */
export const WEATHER_TOOL = {
  type: "function" as const,
  function: { name: "get_weather", description: "Weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};
