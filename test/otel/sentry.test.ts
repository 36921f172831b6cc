import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** A span as Sentry sends it (span v2 items, or a transaction's spans), the fields read here. */
interface SentrySpan {
  span_id: string;
  trace_id: string;
  parent_span_id?: string;
  name?: string;
  description?: string;
  is_segment?: boolean;
  attributes?: Record<string, { value: unknown }>;
  data?: Record<string, unknown>;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

const REQUESTS = 5;
const sentrySpans: SentrySpan[] = [];
const otlpSpans: OtlpSpan[] = [];
let externalRequests = 0;
let server: Server;
let child: { code: number | null; stdout: string; stderr: string };

/** Every span in a Sentry envelope (newline-delimited JSON: a header, then item headers and payloads). */
function spansOf(envelope: string): SentrySpan[] {
  const out: SentrySpan[] = [];
  for (const line of envelope.split("\n")) {
    if (line.trim() === "") continue;
    const value = JSON.parse(line) as { items?: SentrySpan[]; type?: string; contexts?: { trace?: SentrySpan }; spans?: SentrySpan[]; transaction?: string };
    if (Array.isArray(value.items)) out.push(...value.items);
    if (value.type === "transaction") {
      if (value.contexts?.trace !== undefined) out.push({ ...value.contexts.trace, is_segment: true, name: value.transaction ?? "" });
      out.push(...(value.spans ?? []));
    }
  }
  return out;
}

beforeAll(async () => {
  // One loopback server plays Sentry (envelopes), the OTLP backend Tracewise exports to, and the
  // external API the app calls.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
      if (req.url?.startsWith("/api/1/envelope")) sentrySpans.push(...spansOf(body.toString("utf8")));
      else if (req.url === "/v1/traces") {
        const decoded = JSON.parse(body.toString("utf8")) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const rs of decoded.resourceSpans) for (const ss of rs.scopeSpans) otlpSpans.push(...ss.spans);
      } else if (req.url === "/external") externalRequests += 1;
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const app = fileURLToPath(new URL("./fixtures/sentry-app.ts", import.meta.url));
  const root = fileURLToPath(new URL("../..", import.meta.url));
  child = await new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", app],
      { cwd: root, env: { ...process.env, SINK_URL: `http://127.0.0.1:${port}`, REQUESTS: String(REQUESTS), OTEL_TRACES_EXPORTER: "" }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr }),
    );
  });
}, 90_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const attr = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;
const pathOf = (span: SentrySpan) => span.attributes?.["url.path"]?.value ?? span.data?.["url.path"];

describe("the real @sentry/node and Tracewise in one process", () => {
  it("exits cleanly, with no warning from either SDK", () => {
    expect(child.stderr).toBe("");
    expect(child.code).toBe(0);
    expect(child.stdout).toContain('"done":true');
    expect(externalRequests).toBe(REQUESTS);
  });

  it("delivers Sentry's transactions complete: one per request, each with its outgoing call", () => {
    const segments = sentrySpans.filter((s) => s.is_segment === true);
    expect(segments).toHaveLength(REQUESTS);
    expect(segments.every((s) => pathOf(s) === "/ask")).toBe(true);
    for (const segment of segments) {
      const children = sentrySpans.filter((s) => s.trace_id === segment.trace_id && s.span_id !== segment.span_id);
      expect(children.map(pathOf)).toEqual(["/external"]);
      expect(children[0]!.parent_span_id).toBe(segment.span_id);
    }
    // No duplicates, and nothing of Tracewise's own delivery.
    expect(new Set(sentrySpans.map((s) => s.span_id)).size).toBe(sentrySpans.length);
    expect(sentrySpans.some((s) => pathOf(s) === "/v1/traces")).toBe(false);
  });

  it("delivers Tracewise's traces complete, on the same trace ids as Sentry's, nested under its request spans", () => {
    const segments = new Map(sentrySpans.filter((s) => s.is_segment === true).map((s) => [s.trace_id, s]));
    const traceIds = new Set(otlpSpans.map((s) => s.traceId));
    expect([...traceIds].sort()).toEqual([...segments.keys()].sort());
    expect(new Set(otlpSpans.map((s) => s.spanId)).size).toBe(otlpSpans.length);
    for (const traceId of traceIds) {
      const spans = otlpSpans.filter((s) => s.traceId === traceId);
      expect(spans.map((s) => s.name).sort()).toEqual(["ai.generateText", "ai.generateText.doGenerate", "answer"]);
      const answer = spans.find((s) => s.name === "answer")!;
      const outer = spans.find((s) => s.name === "ai.generateText")!;
      const generation = spans.find((s) => s.name === "ai.generateText.doGenerate")!;
      expect(answer.parentSpanId).toBe(segments.get(traceId)!.span_id);
      expect(outer.parentSpanId).toBe(answer.spanId);
      expect(generation.parentSpanId).toBe(outer.spanId);
      expect(attr(generation, "langfuse.observation.type")).toEqual({ stringValue: "generation" });
      expect(JSON.stringify(generation.attributes)).toContain("langfuse.observation.usage_details");
    }
  });
});
