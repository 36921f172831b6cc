import { describe, expect, it } from "vitest";
import { Logger, TracewiseConfigError, type TracewiseOptions } from "tracewise";
import { resolveConfig } from "../../src/config/resolve-config";

function thrown(options: unknown): TracewiseConfigError {
  try {
    resolveConfig(options as TracewiseOptions, {});
  } catch (error) {
    if (error instanceof TracewiseConfigError) return error;
    throw error;
  }
  throw new Error("expected a TracewiseConfigError");
}

function warnings(env: Record<string, string>, options: TracewiseOptions = {}): { lines: string[]; config: ReturnType<typeof resolveConfig> } {
  const lines: string[] = [];
  const config = resolveConfig({ logSink: (_level, message) => lines.push(message), ...options }, env);
  return { lines, config };
}

describe("explicit options throw TracewiseConfigError naming option, value and what is allowed", () => {
  it.each([
    [{ sampleRate: 1.5 }, "sampleRate", "1.5", "a number from 0 to 1"],
    [{ sample_rate: -0.1 }, "sample_rate", "-0.1", "a number from 0 to 1"],
    [{ flushAt: 0 }, "flushAt", "0", "a positive integer"],
    [{ logLevel: "loud" }, "logLevel", '"loud"', "one of debug, info, warn, error, silent"],
    [{ baseUrl: "ftp://x" }, "baseUrl", '"ftp://x"', "an http(s) URL"],
    [{ environment: "Prod Env" }, "environment", '"Prod Env"', "lowercase letters"],
    [{ exporter: { nope: true } }, "exporter", '{"nope":true}', "an exporter"],
    [{ sampleRte: 0.5 }, "sampleRte", "0.5", "a known option"],
  ])("%j", (options, option, value, expected) => {
    const error = thrown(options);
    expect(error.option).toBe(option);
    expect(error.message).toContain(`"${option}"`);
    expect(error.message).toContain(`received ${value}`);
    expect(error.message).toContain(expected);
  });

  it("never prints a secret key", () => {
    const error = thrown({ secretKey: 42 });
    expect(error.message).toContain("[redacted]");
    expect(error.message).not.toContain("42");
  });

  it("rejects conflicting aliases and a sampler together with a rate", () => {
    expect(thrown({ sampleRate: 0.5, sample_rate: 0.2 }).option).toBe("sample_rate");
    expect(thrown({ sampleRate: 0.5, sampler: { shouldSample: () => ({ sampled: true, probability: 1 }) } }).option).toBe("sampler");
  });
});

describe("environment variables", () => {
  it("reads Langfuse keys, base URL aliases, environment and release", () => {
    const { config } = warnings({ LANGFUSE_PUBLIC_KEY: "pk", LANGFUSE_SECRET_KEY: "sk", LANGFUSE_HOST: "http://lf.local/", LANGFUSE_TRACING_ENVIRONMENT: "staging", LANGFUSE_RELEASE: "1.2.3" });
    expect(config).toMatchObject({ publicKey: "pk", secretKey: "sk", baseUrl: "http://lf.local", environment: "staging", release: "1.2.3" });
  });

  it("explicit options beat the environment", () => {
    const { config } = warnings({ LANGFUSE_SAMPLE_RATE: "0.1", LANGFUSE_TRACING_ENVIRONMENT: "staging" }, { sampleRate: 0.7, environment: "prod" });
    expect(config.sampleRate).toBe(0.7);
    expect(config.environment).toBe("prod");
  });

  it("warns once about an unparseable value and ignores it", () => {
    const { lines, config } = warnings({ LANGFUSE_SAMPLE_RATE: "half", TRACEWISE_ENABLED: "maybe" });
    expect(config.sampleRate).toBe(1);
    expect(config.enabled).toBe(true);
    expect(lines.filter((l) => l.includes("LANGFUSE_SAMPLE_RATE"))).toHaveLength(1);
    expect(lines.some((l) => l.includes("TRACEWISE_ENABLED"))).toBe(true);
  });

  it("disables with TRACEWISE_ENABLED=false or OTEL_SDK_DISABLED=true", () => {
    expect(warnings({ TRACEWISE_ENABLED: "false" }).config.enabled).toBe(false);
    expect(warnings({ OTEL_SDK_DISABLED: "true" }).config.enabled).toBe(false);
  });

  it("uses the logger level from TRACEWISE_LOG_LEVEL", () => {
    expect(resolveConfig({}, { TRACEWISE_LOG_LEVEL: "DEBUG" }).logger.level).toBe("debug");
    expect(new Logger().level).toBe("warn");
  });
});
