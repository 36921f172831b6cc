/**
 * JSON text of an observation's OTLP span, written from the record with the attributes of
 * {@link writeObservationAttributes}: the exporter encodes every span of every kept trace on the main
 * thread, so this is the export hot path. Attribute texts are built from pieces (a constant fragment
 * per key, `JSON.stringify` only for string escaping), and what spans share is cached as text.
 *
 * @module
 */
import type { ObservationRecord } from "../../core/records";
import type { AttributeSink } from "./attribute-sink";
import { attributeFragments, writeObservationAttributes } from "./observation-attributes";
import { boolAttr, doubleAttr, intAttr, msToUnixNano, type OtlpAttribute } from "./otlp-json";
import { SPAN_KIND, STATUS_CODE } from "./otlp-span";
import { attributeJson, stringAttributeJson } from "./otlp-span-json";

/** Each attribute's JSON text preceded by a comma. */
function commaJson(attributes: readonly OtlpAttribute[]): string {
  let text = "";
  for (let i = 0; i < attributes.length; i++) text += `,${attributeJson(attributes[i] as OtlpAttribute)}`;
  return text;
}

const fragments = attributeFragments(commaJson);

/** Collects attribute texts, each preceded by a comma. */
class JsonAttributes implements AttributeSink<string> {
  text = "";

  fragment(fragment: string): void {
    this.text += fragment;
  }

  string(key: string, value: string): void {
    this.text += `,${stringAttributeJson(key, value)}`;
  }

  int(key: string, value: number): void {
    this.text += `,${attributeJson(intAttr(key, value))}`;
  }

  double(key: string, value: number): void {
    this.text += `,${attributeJson(doubleAttr(key, value))}`;
  }

  bool(key: string, value: boolean): void {
    this.text += `,${attributeJson(boolAttr(key, value))}`;
  }

  list(attributes: readonly OtlpAttribute[]): void {
    this.text += commaJson(attributes);
  }
}

/** JSON text of the observation's span. */
export function observationSpanJson(record: ObservationRecord): string {
  const attributes = new JsonAttributes();
  writeObservationAttributes(record, fragments, attributes);
  const traceState = fragments.trace(record).traceState;
  const isCall = record.type === "generation" || record.type === "embedding";
  let text = `{"traceId":${JSON.stringify(record.traceId)},"spanId":${JSON.stringify(record.id)},"parentSpanId":${JSON.stringify(record.parentObservationId ?? "")}${traceState === undefined ? "" : `,"traceState":${JSON.stringify(traceState)}`}`;
  // The first attribute's leading comma is dropped (the type and level always come first).
  text += `,"name":${JSON.stringify(record.name)},"kind":${isCall ? SPAN_KIND.client : SPAN_KIND.internal},"startTimeUnixNano":"${msToUnixNano(record.startTime)}","endTimeUnixNano":"${msToUnixNano(record.endTime)}","attributes":[${attributes.text.slice(1)}],"status":`;
  if (record.level !== "ERROR") return `${text}{}}`;
  return record.statusMessage === undefined
    ? `${text}{"code":${STATUS_CODE.error}}}`
    : `${text}{"code":${STATUS_CODE.error},"message":${JSON.stringify(record.statusMessage)}}}`;
}
