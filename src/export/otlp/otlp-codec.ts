/**
 * The batch-engine codec of OTLP/JSON: one span per record (scores become zero-duration spans when
 * they travel over OTLP), joined into one `ExportTraceServiceRequest` per batch.
 *
 * @module
 */
import type { ExportRecord } from "../../core/records";
import type { BatchCodec } from "../http/batch-engine";
import { fitRecord } from "../http/truncate-record";
import type { OtlpEnvelope } from "./otlp-resource";
import { observationToSpan, scoreSpanId, scoreToSpan } from "./otlp-span";

/** JSON text of a record's span. */
export function encodeSpan(record: ExportRecord): string {
  return JSON.stringify(record.kind === "observation" ? observationToSpan(record) : scoreToSpan(record));
}

/** The OTLP codec for a fixed resource and scope. */
export function otlpCodec(envelope: OtlpEnvelope): BatchCodec<ExportRecord> {
  return {
    envelopeBytes: Buffer.byteLength(envelope.prefix) + Buffer.byteLength(envelope.suffix),
    body: (items) => envelope.prefix + items.map((item) => item.json).join(",") + envelope.suffix,
    encode(record, maxItemBytes) {
      const fitted = fitRecord(record, encodeSpan, maxItemBytes);
      if (fitted === undefined) return [];
      const key = record.kind === "observation" ? record.id : scoreSpanId(record.id);
      return [{ key, json: fitted.json, bytes: Buffer.byteLength(fitted.json) }];
    },
  };
}
