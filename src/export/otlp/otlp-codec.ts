/**
 * The batch-engine codec of OTLP/JSON: one span per record (scores become zero-duration spans when
 * they travel over OTLP), joined into one `ExportTraceServiceRequest` per batch.
 *
 * @module
 */
import type { ExportRecord } from "../../core/records";
import { textEnvelope } from "../http/batch-body";
import type { BatchCodec } from "../http/batch-engine";
import { fitRecord } from "../http/truncate-record";
import type { OtlpEnvelope } from "./otlp-resource";
import { observationSpanJson } from "./observation-span-json";
import { scoreSpanId, scoreToSpan } from "./otlp-span";
import { attributesJson, spanJson } from "./otlp-span-json";

/** JSON text of a record's span (the same text as `JSON.stringify` of the span object). */
export function encodeSpan(record: ExportRecord): string {
  if (record.kind === "observation") return observationSpanJson(record);
  const span = scoreToSpan(record);
  return spanJson(span, attributesJson(span.attributes));
}

/** The OTLP codec for a fixed resource and scope. */
export function otlpCodec(envelope: OtlpEnvelope): BatchCodec<ExportRecord> {
  return {
    envelope: textEnvelope(envelope.prefix, envelope.suffix),
    encode(record, maxItemBytes) {
      const fitted = fitRecord(record, encodeSpan, maxItemBytes);
      if (fitted === undefined) return [];
      const key = record.kind === "observation" ? record.id : scoreSpanId(record.id);
      return [{ key, data: fitted.data, bytes: fitted.bytes }];
    },
  };
}
