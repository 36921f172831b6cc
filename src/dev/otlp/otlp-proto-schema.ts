/**
 * The OTLP trace messages (`opentelemetry.proto.collector.trace.v1`, `trace.v1`, `common.v1`,
 * `resource.v1`) as a protobufjs JSON descriptor, embedded so the collector never fetches anything.
 * Field numbers and wire types follow opentelemetry-proto v1; field names are the lowerCamelCase
 * OTLP/JSON names, so decoded messages have the same shape as OTLP/JSON bodies. Enums are declared as
 * `int32` (wire-compatible) so they decode to numbers. Entity refs and profiles are omitted: unknown
 * fields are skipped by the decoder.
 *
 * @module
 */

type Fields = Record<string, { type: string; id: number; rule?: "repeated" }>;

const keyValues = (id: number): Fields[string] => ({ type: "opentelemetry.proto.common.v1.KeyValue", id, rule: "repeated" });

/** The JSON descriptor of the OTLP trace export request and everything it references. */
export const OTLP_TRACE_DESCRIPTOR = {
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: {
              nested: {
                v1: {
                  nested: {
                    AnyValue: {
                      oneofs: { value: { oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"] } },
                      fields: {
                        stringValue: { type: "string", id: 1 },
                        boolValue: { type: "bool", id: 2 },
                        intValue: { type: "int64", id: 3 },
                        doubleValue: { type: "double", id: 4 },
                        arrayValue: { type: "ArrayValue", id: 5 },
                        kvlistValue: { type: "KeyValueList", id: 6 },
                        bytesValue: { type: "bytes", id: 7 },
                      },
                    },
                    ArrayValue: { fields: { values: { type: "AnyValue", id: 1, rule: "repeated" } } },
                    KeyValueList: { fields: { values: { type: "KeyValue", id: 1, rule: "repeated" } } },
                    KeyValue: { fields: { key: { type: "string", id: 1 }, value: { type: "AnyValue", id: 2 } } },
                    InstrumentationScope: {
                      fields: {
                        name: { type: "string", id: 1 },
                        version: { type: "string", id: 2 },
                        attributes: keyValues(3),
                        droppedAttributesCount: { type: "uint32", id: 4 },
                      },
                    },
                  },
                },
              },
            },
            resource: {
              nested: {
                v1: {
                  nested: {
                    Resource: { fields: { attributes: keyValues(1), droppedAttributesCount: { type: "uint32", id: 2 } } },
                  },
                },
              },
            },
            trace: {
              nested: {
                v1: {
                  nested: {
                    ResourceSpans: {
                      fields: {
                        resource: { type: "opentelemetry.proto.resource.v1.Resource", id: 1 },
                        scopeSpans: { type: "ScopeSpans", id: 2, rule: "repeated" },
                        schemaUrl: { type: "string", id: 3 },
                      },
                    },
                    ScopeSpans: {
                      fields: {
                        scope: { type: "opentelemetry.proto.common.v1.InstrumentationScope", id: 1 },
                        spans: { type: "Span", id: 2, rule: "repeated" },
                        schemaUrl: { type: "string", id: 3 },
                      },
                    },
                    Span: {
                      fields: {
                        traceId: { type: "bytes", id: 1 },
                        spanId: { type: "bytes", id: 2 },
                        traceState: { type: "string", id: 3 },
                        parentSpanId: { type: "bytes", id: 4 },
                        flags: { type: "fixed32", id: 16 },
                        name: { type: "string", id: 5 },
                        kind: { type: "int32", id: 6 },
                        startTimeUnixNano: { type: "fixed64", id: 7 },
                        endTimeUnixNano: { type: "fixed64", id: 8 },
                        attributes: keyValues(9),
                        droppedAttributesCount: { type: "uint32", id: 10 },
                        events: { type: "Event", id: 11, rule: "repeated" },
                        droppedEventsCount: { type: "uint32", id: 12 },
                        links: { type: "Link", id: 13, rule: "repeated" },
                        droppedLinksCount: { type: "uint32", id: 14 },
                        status: { type: "Status", id: 15 },
                      },
                    },
                    Event: {
                      fields: {
                        timeUnixNano: { type: "fixed64", id: 1 },
                        name: { type: "string", id: 2 },
                        attributes: keyValues(3),
                        droppedAttributesCount: { type: "uint32", id: 4 },
                      },
                    },
                    Link: {
                      fields: {
                        traceId: { type: "bytes", id: 1 },
                        spanId: { type: "bytes", id: 2 },
                        traceState: { type: "string", id: 3 },
                        attributes: keyValues(4),
                        droppedAttributesCount: { type: "uint32", id: 5 },
                        flags: { type: "fixed32", id: 6 },
                      },
                    },
                    Status: { fields: { message: { type: "string", id: 2 }, code: { type: "int32", id: 3 } } },
                  },
                },
              },
            },
            collector: {
              nested: {
                trace: {
                  nested: {
                    v1: {
                      nested: {
                        ExportTraceServiceRequest: {
                          fields: { resourceSpans: { type: "opentelemetry.proto.trace.v1.ResourceSpans", id: 1, rule: "repeated" } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** Fully-qualified name of the request message. */
export const EXPORT_TRACE_REQUEST = "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest";
