import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollectorFixture, arr, getJson, otlpRequest, post, type SpanSpec, spanId, startFixture, str } from "./helpers/collector-fixture";
import type { Json } from "./helpers/collector-fixture";

const BASE = Date.UTC(2026, 2, 1);
const COUNT = 60;

/** Trace i: name alternates, user i%3, session i%4, tag even/odd, every 10th is ERROR, one per minute. */
function seedSpans(): SpanSpec[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    traceId: (i + 1).toString(16).padStart(32, "0"),
    spanId: spanId(),
    name: i % 2 === 0 ? "checkout" : "search",
    startMs: BASE + i * 60_000,
    endMs: BASE + i * 60_000 + 100 + i,
    attributes: [
      str("user.id", `user-${i % 3}`),
      str("session.id", `session-${i % 4}`),
      arr("langfuse.trace.tags", [i % 2 === 0 ? "even" : "odd", "all"]),
      str("langfuse.observation.input", JSON.stringify({ text: i === 42 ? "the needle in the haystack" : `hay ${i}` })),
      ...(i % 10 === 0 ? [str("langfuse.observation.level", "ERROR")] : []),
    ],
  }));
}

describe("collector: trace list filters, search and paging", () => {
  let fx: CollectorFixture;
  const ids = (page: Json) => page.data.map((t: Json) => parseInt(t.id, 16) - 1);
  const list = (query: string) => getJson(`${fx.collector.url}/api/traces?${query}`);

  beforeAll(async () => {
    fx = await startFixture();
    expect((await post(`${fx.collector.url}/v1/traces`, otlpRequest(seedSpans()))).status).toBe(200);
  });
  afterAll(async () => fx.cleanup());

  it("lists newest first and pages with a cursor without gaps or repeats", async () => {
    const seen: number[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page: Json = await list(`limit=25${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: COUNT }, (_, i) => COUNT - 1 - i));
  });

  it("filters by name, user, session, tag and level, and combines them", async () => {
    expect((await list("name=checkout&limit=500")).data).toHaveLength(30);
    expect(ids(await list("user=user-1&limit=500")).every((i: number) => i % 3 === 1)).toBe(true);
    expect((await list("session=session-2&limit=500")).data).toHaveLength(15);
    expect(ids(await list("tag=odd&limit=500")).every((i: number) => i % 2 === 1)).toBe(true);
    expect(ids(await list("level=ERROR"))).toEqual([50, 40, 30, 20, 10, 0]);
    expect(ids(await list("tag=even&user=user-0&level=error"))).toEqual([54, 48, 42, 36, 30, 24, 18, 12, 6, 0].filter((i) => i % 10 === 0));
  });

  it("filters by a time range (from inclusive, to exclusive; ms or ISO)", async () => {
    expect(ids(await list(`from=${BASE + 10 * 60_000}&to=${BASE + 13 * 60_000}`))).toEqual([12, 11, 10]);
    expect(ids(await list(`from=${new Date(BASE + 58 * 60_000).toISOString()}`))).toEqual([59, 58]);
  });

  it("pages a tag filter through its own cursor", async () => {
    const first: Json = await list("tag=all&limit=40");
    const second: Json = await list(`tag=all&limit=40&cursor=${first.nextCursor}`);
    expect([...ids(first), ...ids(second)]).toEqual(Array.from({ length: COUNT }, (_, i) => COUNT - 1 - i));
    expect(second.nextCursor).toBeNull();
  });

  it("searches text in inputs (trigram) and short text in names and users", async () => {
    expect(ids(await list("q=needle"))).toEqual([42]);
    expect(ids(await list("q=HAYSTACK"))).toEqual([42]);
    expect((await list("q=r-2&limit=500")).data).toHaveLength(20);
  });

  it("totals follow the filters", async () => {
    const totals = await getJson(`${fx.collector.url}/api/traces/totals?name=search`);
    expect(totals).toMatchObject({ kept: 30, estimatedTraces: 30 });
  });

  it("offers names and tags for the filter inputs", async () => {
    expect(await getJson(`${fx.collector.url}/api/facets`)).toEqual({ names: ["checkout", "search"], tags: ["all", "even", "odd"] });
  });
});
