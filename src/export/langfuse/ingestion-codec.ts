/**
 * The batch-engine codec of the ingestion API: each record becomes its events (one item per event,
 * keyed by the event id so a 207 answer maps back to it), and a batch becomes `{"batch":[…]}`.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { ExportRecord } from "../../core/records";
import { textEnvelope } from "../http/batch-body";
import type { BatchCodec, EncodedItem } from "../http/batch-engine";
import { fitRecord } from "../http/truncate-record";
import { type IngestionEventContext, recordEvents } from "./ingestion-events";

/** Builds the codec; `sdk` goes into the batch's debugging `metadata`. */
export function ingestionCodec(
  context: IngestionEventContext,
  sdk: { readonly name: string; readonly version: string },
): BatchCodec<ExportRecord> {
  const prefix = '{"batch":[';
  const suffix = `],"metadata":${JSON.stringify({ sdk_name: sdk.name, sdk_version: sdk.version })}}`;
  const newId = context.newId ?? randomUUID;
  return {
    envelope: textEnvelope(prefix, suffix),
    encode(record, maxItemBytes) {
      // Event ids are drawn once, so re-encoding a truncated record keeps them (and retries resend them).
      const ids: string[] = [];
      const stableContext = (): IngestionEventContext => {
        let next = 0;
        return { ...context, newId: () => (ids[next++] ??= newId()) };
      };
      // The record's events must fit one batch together (a root's trace-create goes with its observation).
      const fitted = fitRecord(record, (r) => JSON.stringify(recordEvents(r, stableContext())), maxItemBytes - 8);
      if (fitted === undefined) return [];
      return recordEvents(fitted.record, stableContext()).map((event): EncodedItem => {
        const json = JSON.stringify(event);
        return { key: event.id, data: json, bytes: Buffer.byteLength(json) };
      });
    },
  };
}
