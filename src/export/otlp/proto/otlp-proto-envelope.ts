/**
 * The protobuf envelope of a batch: `ExportTraceServiceRequest { resource_spans: [ResourceSpans {
 * resource, scope_spans: [ScopeSpans { scope, spans… }] }] }`. The items are `ScopeSpans.spans`
 * entries, so only the two enclosing lengths depend on the batch; the resource and scope are encoded
 * once per exporter.
 *
 * @module
 */
import type { ExporterContext } from "../../exporter";
import type { BodyEnvelope } from "../../http/batch-body";
import { resourceAttributes } from "../otlp-resource";
import { ProtoWriter, putVarint, varintSize } from "./proto-writer";
import { writeAttributes } from "./otlp-span-proto";

/** `ExportTraceServiceRequest.resource_spans`, `ResourceSpans.resource`, `ResourceSpans.scope_spans`, `ScopeSpans.scope`. */
const FIELD = { resourceSpans: 1, resource: 1, scopeSpans: 2, scope: 1 } as const;
/** `Resource.attributes`, `InstrumentationScope.name` and `.version`. */
const INNER = { resourceAttributes: 1, scopeName: 1, scopeVersion: 2 } as const;
/** A length varint takes at most this many bytes for any body we send (< 2^35 bytes). */
const MAX_LENGTH_BYTES = 5;

/** The resource field of `ResourceSpans` and the scope field of `ScopeSpans`, encoded. */
function encodeFixedParts(context: Pick<ExporterContext, "sdk" | "resource">, scopeName: string): { resource: Buffer; scope: Buffer } {
  const w = new ProtoWriter(1024);
  const resource = w.begin(FIELD.resource);
  writeAttributes(w, INNER.resourceAttributes, resourceAttributes(context));
  w.end(resource);
  const resourceBytes = w.finish();
  w.reset();
  const scope = w.begin(FIELD.scope);
  w.string(INNER.scopeName, scopeName);
  w.string(INNER.scopeVersion, context.sdk.version);
  w.end(scope);
  return { resource: resourceBytes, scope: w.finish() };
}

/** A length-delimited field header: the tag byte and the length varint. */
function header(field: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(1 + varintSize(length));
  out[0] = field * 8 + 2;
  putVarint(out, 1, length);
  return out;
}

/** Builds the envelope once per exporter: the resource and scope never change. */
export function otlpProtoEnvelope(context: Pick<ExporterContext, "sdk" | "resource">, scopeName: string): BodyEnvelope {
  const { resource, scope } = encodeFixedParts(context, scopeName);
  const empty = Buffer.alloc(0);
  return {
    separator: "",
    maxBytes: resource.length + scope.length + 2 * (1 + MAX_LENGTH_BYTES),
    frame(contentBytes) {
      const scopeSpans = scope.length + contentBytes;
      const scopeHeader = header(FIELD.scopeSpans, scopeSpans);
      const resourceSpans = resource.length + scopeHeader.length + scopeSpans;
      return { prefix: Buffer.concat([header(FIELD.resourceSpans, resourceSpans), resource, scopeHeader, scope]), suffix: empty };
    },
  };
}
