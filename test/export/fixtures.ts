/** Record factories and an exporter context that collects logs, shared by the export tests. */
import { type ExportRecord, OBSERVATION_TYPES, type ObservationRecord, type ScoreRecord, type TraceSnapshot } from "../../src/core/records";
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

/**
 * One record of every kind in `trace`: a local root with input and metadata; a child of every
 * observation type (generations and embeddings with model, parameters, usage, cost, completion start
 * and prompt; the tool at level ERROR); and a numeric, a categorical and a boolean score.
 */
export function recordsOfEveryKind(trace: TraceSnapshot): ExportRecord[] {
  const root = observation({ trace, isLocalRoot: true, input: { q: 1 }, metadata: { k: "v" } });
  const rich = {
    model: "text-embedding-3-small",
    modelParameters: { temperature: 0.3, max_tokens: 256, stream: true, stop: ["\n", "END"], seed: -7 },
    usageDetails: { input: 10, output: 4, total: 14, input_cached_tokens: 2 },
    costDetails: { input: 0.0001, output: 0.0002, total: 0.0003 },
    completionStartTime: root.startTime + 3.123456,
    promptName: "p",
    promptVersion: 2,
  };
  const children = OBSERVATION_TYPES.map((type) =>
    observation({ trace, type, name: type, parentObservationId: root.id, level: type === "tool" ? "ERROR" : "DEFAULT", statusMessage: "ok", version: "v2", ...(type === "generation" || type === "embedding" ? rich : {}) }),
  );
  return [
    root,
    ...children,
    score({ traceId: trace.id }),
    score({ traceId: trace.id, observationId: root.id, value: "good", dataType: "CATEGORICAL", comment: "c", metadata: { by: "me" } }),
    score({ traceId: trace.id, value: 1, dataType: "BOOLEAN", environment: "staging" }),
  ];
}
