/**
 * `POST /api/public/ingestion` (the legacy Langfuse batch API) and `POST /api/public/scores`.
 * Ingestion answers 207 `{ successes, errors }` like Langfuse: each event is validated and written on
 * its own (in one transaction with a savepoint per event), so one bad event does not refuse the rest.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, readBody, sendJson } from "../http/http-io";
import { mapLegacyEvent } from "../ingestion/legacy-event";
import { asObject, tryParseJson } from "../otlp/attribute-readers";
import type { WriteBatch } from "../store/rows";
import type { TraceStore } from "../store/trace-store";

/** Most events accepted in one ingestion request. */
export const MAX_BATCH_EVENTS = 10_000;

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (!type.includes("application/json")) throw new HttpError(400, "Invalid content type: send application/json");
  const body = await readBody(req);
  const parsed = asObject(tryParseJson(body.toString("utf8")));
  if (!parsed) throw new HttpError(400, "body must be a JSON object");
  return parsed;
}

/** A success or error entry of the 207 response. */
interface EventOutcome {
  id: string;
  status: number;
  message?: string;
}

/** Handles a legacy ingestion batch. */
export async function handleIngestion(req: IncomingMessage, res: ServerResponse, store: TraceStore): Promise<void> {
  const body = await readJsonObject(req);
  if (!Array.isArray(body.batch)) throw new HttpError(400, "body.batch must be an array of ingestion events");
  if (body.batch.length > MAX_BATCH_EVENTS) throw new HttpError(400, `body.batch has more than ${MAX_BATCH_EVENTS} events`);
  const mapped = body.batch.map(mapLegacyEvent);
  const valid: { id: string; batch: WriteBatch }[] = [];
  const errors: EventOutcome[] = [];
  for (const result of mapped) {
    if (result.ok) valid.push(result);
    else errors.push({ id: result.id, status: result.status, message: result.message });
  }
  const written = store.writeEach(valid.map((v) => v.batch));
  const successes: EventOutcome[] = [];
  written.forEach((result, index) => {
    const id = valid[index]?.id ?? "";
    if (result.ok) successes.push({ id, status: 201 });
    else errors.push({ id, status: result.status, message: result.message });
  });
  sendJson(res, 207, { successes, errors });
}

/** Handles `POST /api/public/scores` (one score; answers `{ id }`). */
export async function handleScore(req: IncomingMessage, res: ServerResponse, store: TraceStore): Promise<void> {
  const body = await readJsonObject(req);
  const result = mapLegacyEvent({ id: "score", type: "score-create", body });
  if (!result.ok) throw new HttpError(400, result.message);
  const [written] = store.writeEach([result.batch]);
  if (written && !written.ok) throw new HttpError(written.status, written.message);
  sendJson(res, 200, { id: result.batch.scores[0]?.id });
}
