/** Record factories and an exporter context that collects logs, shared by the export tests. */
import type { ObservationRecord, ScoreRecord, TraceSnapshot } from "../../src/core/records";
import { Counters } from "../../src/diag/counters";
import { ErrorSink } from "../../src/diag/error-sink";
import { Logger } from "../../src/diag/logger";
import type { ExporterContext } from "../../src/export/exporter";

let next = 1;

/** A fresh lowercase hex id of `length` characters (unique within the test process). */
export function hexId(length: 16 | 32): string {
  return (next++).toString(16).padStart(length, "0");
}

/** A context whose logger keeps every line. */
export function testContext(overrides: Partial<ExporterContext["resource"]> = {}): ExporterContext & { lines: string[] } {
  const lines: string[] = [];
  const logger = new Logger("debug", (level, message) => lines.push(`${level}: ${message}`));
  const counters = new Counters();
  return {
    lines,
    logger,
    counters,
    errors: new ErrorSink(logger, counters),
    sdk: { name: "tracewise", version: "0.1.0" },
    resource: { serviceName: "test-service", environment: "test", release: "1.2.3", ...overrides },
  };
}

/** A trace snapshot. */
export function snapshot(fields: Partial<TraceSnapshot> = {}): TraceSnapshot {
  return { id: fields.id ?? hexId(32), sampleRate: 1, ...fields };
}

/** An observation with sensible defaults. */
export function observation(fields: Partial<ObservationRecord> = {}): ObservationRecord {
  const trace = fields.trace ?? snapshot();
  const start = 1_767_225_600_000.25;
  return {
    kind: "observation",
    id: hexId(16),
    traceId: trace.id,
    isLocalRoot: false,
    type: "span",
    name: "step",
    startTime: start,
    endTime: start + 12.5,
    level: "DEFAULT",
    trace,
    ...fields,
  };
}

/** A small trace: a root span, a generation and a tool call (3 observations). */
export function smallTrace(i: number): ObservationRecord[] {
  const trace = snapshot({ name: `trace-${i}`, userId: "u1", sessionId: "s1", tags: ["a"] });
  const root = observation({ trace, isLocalRoot: true, name: "root", input: { q: i }, output: { a: i } });
  return [
    observation({ trace, parentObservationId: root.id, type: "generation", name: "llm", model: "gpt-4o-mini", usageDetails: { input: 10, output: 5 }, input: [{ role: "user", content: "hi" }], output: { role: "assistant", content: "hello" } }),
    observation({ trace, parentObservationId: root.id, type: "tool", name: "search", input: { query: "x" }, output: ["doc"] }),
    root,
  ];
}

/** A score. */
export function score(fields: Partial<ScoreRecord> = {}): ScoreRecord {
  return {
    kind: "score",
    id: crypto.randomUUID(),
    traceId: hexId(32),
    name: "quality",
    value: 0.9,
    dataType: "NUMERIC",
    timestamp: 1_767_225_601_000,
    ...fields,
  };
}
