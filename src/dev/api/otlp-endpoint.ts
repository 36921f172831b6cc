/**
 * `POST /v1/traces` and `POST /api/public/otel/v1/traces`: OTLP/HTTP trace export in JSON or protobuf,
 * gzip or not. The request is decoded, validated and mapped completely before anything is written, and
 * written in one transaction, so a bad request gets a 400 naming the problem and stores nothing.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, readBody, sendJson } from "../http/http-io";
import { decodeOtlpJson, decodeOtlpProtobuf } from "../otlp/decode-otlp";
import { otlpToBatch } from "../otlp/otlp-to-batch";
import type { TraceStore } from "../store/trace-store";

/** Paths this endpoint serves. */
export const OTLP_TRACE_PATHS: readonly string[] = ["/v1/traces", "/api/public/otel/v1/traces"];

function bodyFormat(contentType: string): "json" | "protobuf" {
  const type = contentType.toLowerCase();
  if (type.includes("application/json")) return "json";
  if (type.includes("application/x-protobuf") || type.includes("application/protobuf")) return "protobuf";
  throw new HttpError(400, `Invalid content type '${contentType}': send application/json or application/x-protobuf`);
}

/** Handles one OTLP trace export request. */
export async function handleOtlpTraces(req: IncomingMessage, res: ServerResponse, store: TraceStore): Promise<void> {
  const format = bodyFormat(req.headers["content-type"] ?? "");
  const body = await readBody(req);
  const decoded = format === "json" ? decodeOtlpJson(body) : await decodeOtlpProtobuf(body);
  if (!decoded.ok) throw new HttpError(400, decoded.error);
  const mapped = otlpToBatch(decoded.value);
  if (!mapped.ok) throw new HttpError(400, `invalid OTLP trace request: ${mapped.reasons.join(", ")}`);
  if (mapped.spanCount > 0) store.write(mapped.batch);
  if (format === "protobuf") {
    // An empty ExportTraceServiceResponse: full success, no partial_success.
    res.writeHead(200, { "content-type": "application/x-protobuf", "content-length": 0 });
    res.end();
  } else {
    sendJson(res, 200, {});
  }
}
