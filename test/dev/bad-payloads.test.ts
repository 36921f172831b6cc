import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollectorFixture, getJson, langfuseExample, otlpRequest, post, spanId, startFixture, traceId } from "./helpers/collector-fixture";
import type { Json } from "./helpers/collector-fixture";

describe("collector: bad payloads get a clear 400 and leave the store intact", () => {
  let fx: CollectorFixture;
  let before: number;
  beforeAll(async () => {
    fx = await startFixture();
    await post(`${fx.collector.url}/v1/traces`, langfuseExample(traceId(), Date.now()).request);
    before = (await getJson(`${fx.collector.url}/api/traces/totals`)).kept;
  });
  afterAll(async () => fx.cleanup());

  const good = () => ({ traceId: traceId(), spanId: spanId(), name: "fine", startMs: Date.now(), endMs: Date.now() + 1 });
  const cases: [string, () => { body: unknown; contentType?: string; gzip?: boolean; raw?: boolean }, RegExp][] = [
    ["malformed JSON", () => ({ body: "{not json" }), /invalid JSON/],
    ["a JSON array", () => ({ body: "[1,2]" }), /not_an_object/],
    ["a wrong content type", () => ({ body: "{}", contentType: "text/plain" }), /Invalid content type/],
    ["garbage protobuf", () => ({ body: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), contentType: "application/x-protobuf" }), /invalid protobuf/],
    ["a broken gzip stream", () => ({ body: gzipSync("{}").subarray(0, 8), gzip: false, contentType: "application/json", raw: true }), /gunzip failed/],
    ["a span without traceId (the good span in the same request is not stored)", () => {
      const request: Json = otlpRequest([good(), good()]);
      delete request.resourceSpans[0].scopeSpans[0].spans[1].traceId;
      return { body: JSON.stringify(request) };
    }, /traceId:absent/],
    ["attributes that are not an array", () => {
      const request: Json = otlpRequest([good()]);
      request.resourceSpans[0].scopeSpans[0].spans[0].attributes = { a: 1 };
      return { body: JSON.stringify(request) };
    }, /attributes:not_an_array/],
    ["a numeric spanId", () => {
      const request: Json = otlpRequest([good()]);
      request.resourceSpans[0].scopeSpans[0].spans[0].spanId = 42;
      return { body: JSON.stringify(request) };
    }, /spanId:absent/],
  ];

  for (const [label, make, message] of cases) {
    it(`refuses ${label}`, async () => {
      const c = make();
      const headers: Record<string, string> = { "content-type": c.contentType ?? "application/json" };
      if (c.raw) headers["content-encoding"] = "gzip";
      const res = await fetch(`${fx.collector.url}/v1/traces`, { method: "POST", headers, body: c.body as BodyInit });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toMatch(message);
    });
  }

  it("still has exactly the traces stored before, and the SQLite file is sound", async () => {
    expect((await getJson(`${fx.collector.url}/api/traces/totals`)).kept).toBe(before);
    const collector = await fx.restart();
    expect((await getJson(`${collector.url}/api/traces/totals`)).kept).toBe(before);
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(collector.databasePath, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });

  it("answers an empty request with 200 and 404/405 for unknown routes and methods", async () => {
    expect((await post(`${fx.collector.url}/v1/traces`, {})).status).toBe(200);
    expect((await post(`${fx.collector.url}/v1/metrics`, {})).status).toBe(404);
    expect((await fetch(`${fx.collector.url}/v1/traces`, { method: "PUT" })).status).toBe(405);
    expect((await fetch(`${fx.collector.url}/api/traces?level=LOUD`)).status).toBe(400);
    expect((await fetch(`${fx.collector.url}/api/traces/nope`)).status).toBe(404);
  });

  it("refuses requests addressed to a foreign Host (DNS rebinding)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${fx.collector.url}/api/traces`, { headers: { host: "evil.example:4318" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
