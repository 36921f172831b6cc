/**
 * The batch-engine codec of OTLP/HTTP protobuf: one `ScopeSpans.spans` entry per record (scores
 * become zero-duration spans when they travel over OTLP), framed into one `ExportTraceServiceRequest`
 * per batch by {@link otlpProtoEnvelope}.
 *
 * @module
 */
import type { ExportRecord } from "../../../core/records";
import type { BodyEnvelope } from "../../http/batch-body";
import type { BatchCodec } from "../../http/batch-engine";
import { fitRecord } from "../../http/truncate-record";
import { scoreSpanId, scoreToSpan } from "../otlp-span";
import { writeObservationSpan } from "./observation-span-proto";
import { writeSpan } from "./otlp-span-proto";
import { ProtoWriter } from "./proto-writer";

/** One scratch writer per process: encoding is synchronous, so two records never share it at once. */
const scratch = new ProtoWriter();

/** Protobuf bytes of a record's span, as a `ScopeSpans.spans` entry. */
export function encodeRecordProto(record: ExportRecord): Buffer {
  scratch.reset();
  if (record.kind === "observation") writeObservationSpan(scratch, record);
  else writeSpan(scratch, scoreToSpan(record));
  return scratch.finish();
}

/** The protobuf codec for a fixed envelope (resource and scope). */
export function otlpProtoCodec(envelope: BodyEnvelope): BatchCodec<ExportRecord> {
  return {
    envelope,
    encode(record, maxItemBytes) {
      const fitted = fitRecord(record, encodeRecordProto, maxItemBytes);
      if (fitted === undefined) return [];
      const key = record.kind === "observation" ? record.id : scoreSpanId(record.id);
      return [{ key, data: fitted.data, bytes: fitted.bytes }];
    },
  };
}
