import { describe, expect, it } from "vitest";
import { msToUnixNano } from "../../../src/export/otlp/otlp-json";
import { otelTracesEndpoint, parseOtelHeaders, resolveOtlpTarget } from "../../../src/export/otlp/otlp-target";

describe("OTEL_EXPORTER_OTLP_* as the OpenTelemetry spec defines them", () => {
  it("appends v1/traces to the base endpoint, with or without a trailing slash", () => {
    expect(otelTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe("http://collector:4318/v1/traces");
    expect(otelTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/base/" })).toBe("http://collector:4318/base/v1/traces");
  });

  it("uses the traces endpoint as is, in preference to the base", () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://b:4318/custom" };
    expect(otelTracesEndpoint(env)).toBe("http://b:4318/custom");
  });

  it("ignores an invalid URL with a warning", () => {
    const warnings: string[] = [];
    expect(otelTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }, warnings)).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it("parses baggage-style headers, percent-decoded and trimmed, skipping bad entries without echoing them", () => {
    const warnings: string[] = [];
    const headers = parseOtelHeaders("api-key=s%3Dcret%2C1 , X-Team=core;prop=1,broken,=nokey,bad%ZZ=1", "OTEL_EXPORTER_OTLP_HEADERS", warnings);
    expect(headers).toEqual({ "api-key": "s=cret,1", "x-team": "core" });
    expect(warnings).toHaveLength(3);
    expect(warnings.join()).not.toContain("nokey");
  });

  it("lets trace-specific headers and explicit headers win per key", () => {
    const { target } = resolveOtlpTarget(
      { headers: { c: "explicit" } },
      { OTEL_EXPORTER_OTLP_ENDPOINT: "http://x", OTEL_EXPORTER_OTLP_HEADERS: "a=1,b=1,c=1", OTEL_EXPORTER_OTLP_TRACES_HEADERS: "b=2" },
    );
    expect(target).toEqual({ kind: "otlp", tracesUrl: "http://x/v1/traces", headers: { a: "1", b: "2", c: "explicit" } });
  });
});

describe("resolveOtlpTarget precedence", () => {
  it("prefers an explicit endpoint, then Langfuse keys, then the OTel variables", () => {
    const env = { LANGFUSE_PUBLIC_KEY: "pk", LANGFUSE_SECRET_KEY: "sk", OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel" };
    expect(resolveOtlpTarget({ endpoint: "http://explicit/v1/traces" }, env).target?.tracesUrl).toBe("http://explicit/v1/traces");
    const langfuse = resolveOtlpTarget({}, { ...env, LANGFUSE_BASE_URL: "https://lf.example.com/" }).target;
    expect(langfuse).toMatchObject({
      kind: "langfuse",
      tracesUrl: "https://lf.example.com/api/public/otel/v1/traces",
      ingestionUrl: "https://lf.example.com/api/public/ingestion",
      headers: { authorization: `Basic ${Buffer.from("pk:sk").toString("base64")}` },
    });
    expect(resolveOtlpTarget({}, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel" }).target?.kind).toBe("otlp");
    expect(resolveOtlpTarget({}, {}).target).toBeUndefined();
  });

  it("sends to a local collector in Langfuse's API shape, without credentials, before anything else", () => {
    const env = { LANGFUSE_PUBLIC_KEY: "pk", LANGFUSE_SECRET_KEY: "sk", OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel" };
    const target = resolveOtlpTarget({ collectorUrl: "http://127.0.0.1:4318/", endpoint: "http://explicit/v1/traces" }, env).target;
    expect(target).toEqual({
      kind: "langfuse",
      tracesUrl: "http://127.0.0.1:4318/api/public/otel/v1/traces",
      ingestionUrl: "http://127.0.0.1:4318/api/public/ingestion",
      headers: {},
    });
  });

  it("defaults the Langfuse base URL to Langfuse Cloud", () => {
    expect(resolveOtlpTarget({ publicKey: "pk", secretKey: "sk" }, {}).target?.tracesUrl).toBe("https://cloud.langfuse.com/api/public/otel/v1/traces");
  });
});

describe("time encoding", () => {
  it("turns fractional epoch milliseconds into exact nanosecond strings", () => {
    expect(msToUnixNano(1_767_225_600_000)).toBe("1767225600000000000");
    expect(msToUnixNano(1_767_225_600_000.25)).toBe("1767225600000250000");
    expect(msToUnixNano(1.9999999)).toBe("2000000");
  });
});
