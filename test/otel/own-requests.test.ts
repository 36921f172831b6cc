import { createServer, type Server } from "node:http";
import { gunzipSync } from "node:zlib";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { observe, OtlpHttpExporter, Tracewise } from "tracewise";
import { TracewiseSampler, TracewiseSpanProcessor } from "tracewise/otel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The app instruments undici with OpenTelemetry's own instrumentation, and feeds its spans to
// Tracewise, whose exporter sends with undici too: a request of Tracewise's traced and taken in would
// be exported by the next request, and so on for ever.
const received: { path: string; spans: string[] }[] = [];
let server: Server;
let base = "";
const appSpans = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ sampler: new TracewiseSampler(), spanProcessors: [new SimpleSpanProcessor(appSpans), new TracewiseSpanProcessor()] });
provider.register();
const undici = new UndiciInstrumentation();
undici.setTracerProvider(provider);
undici.enable();
let tw: Tracewise;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = (req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
      const names = req.url === "/v1/traces" ? [...body.matchAll(/"name":"([^"]*)","kind"/g)].map((m) => m[1]!) : [];
      received.push({ path: req.url ?? "", spans: names });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  tw = new Tracewise({ exporter: new OtlpHttpExporter({ endpoint: `${base}/v1/traces`, protocol: "http/json" }), flushOnExit: false, logLevel: "silent" });
});

afterAll(async () => {
  undici.disable();
  await provider.shutdown();
  await tw.shutdown();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("Tracewise's own HTTP requests under an OpenTelemetry undici instrumentation", () => {
  it("are never traced, while the app's requests are", async () => {
    const callApi = observe(async function callApi() {
      await (await fetch(`${base}/external`)).text();
    });
    await callApi();
    await tw.flush();
    // Several rounds: a traced delivery would show up in the next one.
    for (let round = 0; round < 3; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await tw.flush();
    }
    const deliveries = received.filter((r) => r.path === "/v1/traces");
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.spans.sort()).toEqual(["GET", "callApi"]);
    // The app's OpenTelemetry saw the app's request, never Tracewise's.
    const urls = appSpans.getFinishedSpans().map((s) => s.attributes["url.full"]);
    expect(urls).toEqual([`${base}/external`]);
  });
});
