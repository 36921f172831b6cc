/**
 * Maps one event of the legacy Langfuse ingestion API (`POST /api/public/ingestion`) — `trace-create`,
 * `span-create|update`, `generation-create|update`, `event-create`, `observation-create|update`, the
 * typed `agent-create`, `tool-create`, … (one per observation type),
 * `score-create`, `sdk-log` — to the rows it writes. Validation is per event: a bad event becomes an
 * entry in the 207 response's `errors` and the others are still stored.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { OBSERVATION_TYPES, type ObservationType } from "../../core/records";
import { asNumber, asObject, parseTags } from "../otlp/attribute-readers";
import { parseLevel } from "../otlp/level-and-environment";
import { validSampleRate } from "../otlp/sample-rate";
import { normalizeCost, normalizeUsage } from "../otlp/usage-and-cost";
import { emptyBatch, type ObservationWrite, type ScoreWrite, type TraceWrite, type WriteBatch } from "../store/rows";
import { legacyUsage } from "./legacy-usage";

/** The rows one event writes, or why it was refused. */
export type LegacyEventResult = { ok: true; id: string; batch: WriteBatch } | { ok: false; id: string; status: number; message: string };

class EventError extends Error {}

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

function date(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === "string" || typeof value === "number" ? new Date(value).getTime() : NaN;
  if (!Number.isFinite(ms)) throw new EventError(`${field} is not a valid date: ${JSON.stringify(value)}`);
  return ms;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function traceWrite(body: Record<string, unknown>): TraceWrite {
  const tags = Array.isArray(body.tags) ? parseTags(body.tags.map(String)) : undefined;
  return compact<TraceWrite>({
    id: str(body.id) ?? randomUUID(),
    name: str(body.name),
    userId: str(body.userId),
    sessionId: str(body.sessionId),
    tags,
    release: str(body.release),
    version: str(body.version),
    environment: str(body.environment),
    public: typeof body.public === "boolean" ? body.public : undefined,
    input: body.input ?? undefined,
    output: body.output ?? undefined,
    metadata: asObject(body.metadata),
    sampleRate: validSampleRate(asObject(body.metadata)?.tracewise_sample_rate),
    timestamp: date(body.timestamp, "timestamp"),
  } as TraceWrite);
}

function observationType(eventType: string, body: Record<string, unknown>): ObservationType | undefined {
  const prefix = eventType.split("-")[0] ?? "";
  if ((OBSERVATION_TYPES as readonly string[]).includes(prefix)) return prefix as ObservationType;
  const declared = typeof body.type === "string" ? body.type.toLowerCase() : undefined;
  if (declared === undefined) return undefined;
  if (!(OBSERVATION_TYPES as readonly string[]).includes(declared)) throw new EventError(`unknown observation type ${JSON.stringify(body.type)}`);
  return declared as ObservationType;
}

function observationWrite(eventType: string, body: Record<string, unknown>, isCreate: boolean): ObservationWrite {
  const id = str(body.id) ?? (isCreate ? randomUUID() : undefined);
  if (id === undefined) throw new EventError("body.id is required for an update");
  const level = body.level === undefined || body.level === null ? undefined : parseLevel(body.level);
  if (body.level !== undefined && body.level !== null && level === undefined) throw new EventError(`invalid level ${JSON.stringify(body.level)}`);
  const type = observationType(eventType, body);
  const startTime = date(body.startTime, "startTime");
  const usage = normalizeUsage(body.usageDetails) ?? legacyUsage(body.usage).usage;
  const cost = normalizeCost(body.costDetails) ?? legacyUsage(body.usage).cost;
  const promptVersion = asNumber(body.promptVersion);
  return compact<ObservationWrite>({
    id,
    traceId: str(body.traceId) ?? (isCreate ? randomUUID().replace(/-/g, "") : undefined),
    parentId: str(body.parentObservationId),
    type,
    name: str(body.name),
    startTime: startTime ?? (isCreate ? Date.now() : undefined),
    endTime: date(body.endTime, "endTime") ?? (eventType === "event-create" ? startTime : undefined),
    completionStartTime: date(body.completionStartTime, "completionStartTime"),
    level,
    statusMessage: str(body.statusMessage),
    model: str(body.model),
    modelParameters: asObject(body.modelParameters),
    usage,
    cost,
    input: body.input ?? undefined,
    output: body.output ?? undefined,
    metadata: asObject(body.metadata) ?? (body.metadata !== undefined && body.metadata !== null ? { metadata: body.metadata } : undefined),
    version: str(body.version),
    promptName: str(body.promptName),
    promptVersion: promptVersion === undefined ? undefined : Math.trunc(promptVersion),
    environment: str(body.environment),
  } as ObservationWrite);
}

function scoreWrite(body: Record<string, unknown>, eventTimestamp: number | undefined): ScoreWrite {
  const traceId = str(body.traceId);
  const name = str(body.name);
  if (traceId === undefined) throw new EventError("score traceId is required (session and dataset-run scores are not shown locally)");
  if (name === undefined) throw new EventError("score name is required");
  const value = body.value;
  if (typeof value !== "number" && typeof value !== "string" && typeof value !== "boolean") throw new EventError("score value must be a number or a string");
  const declared = typeof body.dataType === "string" ? body.dataType.toUpperCase() : undefined;
  const dataType = (declared ?? (typeof value === "string" ? "CATEGORICAL" : typeof value === "boolean" ? "BOOLEAN" : "NUMERIC")) as ScoreWrite["dataType"];
  if (!["NUMERIC", "CATEGORICAL", "BOOLEAN", "TEXT", "CORRECTION"].includes(dataType)) throw new EventError(`invalid dataType ${JSON.stringify(body.dataType)}`);
  const numeric = typeof value === "boolean" ? Number(value) : typeof value === "number" ? value : undefined;
  return compact<ScoreWrite>({
    id: str(body.id) ?? randomUUID(),
    traceId,
    observationId: str(body.observationId),
    name,
    value: numeric ?? null,
    stringValue: typeof value === "string" ? value : undefined,
    dataType,
    comment: str(body.comment),
    metadata: asObject(body.metadata),
    timestamp: date(body.timestamp, "timestamp") ?? eventTimestamp ?? Date.now(),
  } as ScoreWrite);
}

/** Maps one ingestion event; never throws. */
export function mapLegacyEvent(event: unknown): LegacyEventResult {
  const envelope = asObject(event);
  const id = str(envelope?.id) ?? "";
  try {
    if (!envelope) throw new EventError("event must be an object");
    const type = str(envelope.type) ?? "";
    const body = asObject(envelope.body);
    if (!body) throw new EventError("event body must be an object");
    const batch = emptyBatch();
    if (type === "trace-create") batch.traces.push(traceWrite(body));
    else if (type === "score-create") batch.scores.push(scoreWrite(body, date(envelope.timestamp, "timestamp")));
    else if (type === "sdk-log") return { ok: true, id, batch };
    else if (/^(span|generation|event|observation)-(create|update)$|^(agent|tool|chain|retriever|evaluator|embedding|guardrail)-create$/.test(type) && type !== "event-update") {
      const observation = observationWrite(type, body, type.endsWith("-create"));
      batch.observations.push(observation);
    } else throw new EventError(`unsupported event type ${JSON.stringify(envelope.type)}`);
    return { ok: true, id, batch };
  } catch (error) {
    if (error instanceof EventError) return { ok: false, id, status: 400, message: error.message };
    return { ok: false, id, status: 500, message: (error as Error).message };
  }
}
