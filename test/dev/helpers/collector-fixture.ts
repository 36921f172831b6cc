/**
 * Starts a real collector on an ephemeral port with its SQLite store in a fresh temp dir, and offers
 * small HTTP helpers for the tests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type RunningCollector, startCollector } from "../../../src/dev";

/** A decoded API response; tests check its shape with assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked by the assertions that use them
export type Json = any;

export interface CollectorFixture {
  dir: string;
  collector: RunningCollector;
  /** Restarts the collector on the same directory (new port). */
  restart(): Promise<RunningCollector>;
  cleanup(): Promise<void>;
}

export function tempDir(prefix = "tracewise-dev-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startFixture(): Promise<CollectorFixture> {
  const dir = tempDir();
  const fixture: CollectorFixture = {
    dir,
    collector: await startCollector({ port: 0, dir }),
    async restart() {
      await fixture.collector.close();
      fixture.collector = await startCollector({ port: 0, dir });
      return fixture.collector;
    },
    async cleanup() {
      await fixture.collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

export interface PostOptions {
  contentType?: string;
  gzip?: boolean;
}

/** POSTs a body (objects are JSON-encoded) and returns status and parsed JSON (or text). */
export async function post(url: string, body: unknown, options: PostOptions = {}): Promise<{ status: number; body: Json }> {
  const raw = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const payload = options.gzip ? gzipSync(raw) : raw;
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json" };
  if (options.gzip) headers["content-encoding"] = "gzip";
  const res = await fetch(url, { method: "POST", headers, body: payload as BodyInit });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? "" : JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body: parsed };
}

/** GETs JSON from the collector's API. */
export async function getJson(url: string): Promise<Json> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${await res.text()}`);
  return res.json();
}

/** OTLP/JSON helpers. */
export const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
export const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
export const dbl = (key: string, value: number) => ({ key, value: { doubleValue: value } });
export const arr = (key: string, values: string[]) => ({ key, value: { arrayValue: { values: values.map((v) => ({ stringValue: v })) } } });

export function nanos(ms: number): string {
  return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}

export interface SpanSpec {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  endMs: number;
  attributes?: unknown[];
  status?: unknown;
  traceState?: string;
  events?: unknown[];
}

export function otlpRequest(spans: SpanSpec[], resource: unknown[] = [str("service.name", "test-app")]): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: resource },
        scopeSpans: [
          {
            scope: { name: "test-scope", version: "1.0.0" },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? "",
              name: s.name,
              kind: 1,
              startTimeUnixNano: nanos(s.startMs),
              endTimeUnixNano: nanos(s.endMs),
              attributes: s.attributes ?? [],
              ...(s.traceState && { traceState: s.traceState }),
              ...(s.events && { events: s.events }),
              status: s.status ?? {},
            })),
          },
        ],
      },
    ],
  };
}

let counter = 0;
/** A fresh 32-hex trace id. */
export function traceId(): string {
  counter += 1;
  return (Date.now().toString(16) + counter.toString(16).padStart(8, "0")).padStart(32, "a").slice(-32);
}
/** A fresh 16-hex span id. */
export function spanId(): string {
  counter += 1;
  return (Math.floor(Math.random() * 0xffffff).toString(16) + counter.toString(16).padStart(8, "0")).padStart(16, "b").slice(-16);
}

/** The Langfuse-style example trace from LANGFUSE-OTLP.md §7 (agent-run → retrieve, llm). */
export function langfuseExample(id: string, baseMs: number, extra: { root?: unknown[]; traceState?: string } = {}) {
  const root = spanId();
  const common = [str("user.id", "u1"), str("session.id", "s1"), arr("langfuse.trace.tags", ["a", "b"])];
  return {
    rootId: root,
    request: otlpRequest(
      [
        {
          traceId: id, spanId: root, name: "agent-run", startMs: baseMs, endMs: baseMs + 3000,
          ...(extra.traceState && { traceState: extra.traceState }),
          attributes: [
            str("langfuse.observation.type", "span"), str("langfuse.trace.name", "agent-run"), ...common,
            str("langfuse.observation.input", '{"question":"What is OTLP?"}'),
            str("langfuse.observation.output", '{"answer":"A protocol."}'),
            str("langfuse.observation.metadata.customer_tier", "gold"),
            ...(extra.root ?? []),
          ],
          status: { code: 1 },
        },
        {
          traceId: id, spanId: spanId(), parentSpanId: root, name: "retrieve", startMs: baseMs + 100, endMs: baseMs + 900,
          attributes: [str("langfuse.observation.type", "span"), ...common, str("langfuse.observation.input", '{"query":"OTLP"}'), str("langfuse.observation.output", '["doc-1","doc-2"]')],
        },
        {
          traceId: id, spanId: spanId(), parentSpanId: root, name: "llm", startMs: baseMs + 1000, endMs: baseMs + 2500,
          attributes: [
            str("langfuse.observation.type", "generation"), ...common,
            str("langfuse.observation.model.name", "gpt-4o-mini"),
            str("langfuse.observation.model.parameters", '{"temperature":0.2}'),
            str("langfuse.observation.usage_details", '{"input":10,"output":5}'),
            str("langfuse.observation.cost_details", '{"input":0.0000015,"output":0.000003}'),
            str("langfuse.observation.completion_start_time", new Date(baseMs + 1350).toISOString()),
            str("langfuse.observation.input", '[{"role":"system","content":"Be brief."},{"role":"user","content":"What is OTLP?"}]'),
            str("langfuse.observation.output", '{"role":"assistant","content":"A protocol."}'),
          ],
        },
      ],
      [str("service.name", "my-agent"), str("deployment.environment.name", "production"), str("langfuse.release", "1.4.2")],
    ),
  };
}
