import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ConsoleExporter, LocalOrConsoleExporter, OtlpHttpExporter, Tracewise, type TracewiseOptions } from "tracewise";
import { resolveConfig } from "../../src/config/resolve-config";
import { probeCollector } from "../../src/dev";
import { chooseDefaultExporters } from "../../src/export/default-exporters";
import { startFixture, type CollectorFixture } from "../dev/helpers/collector-fixture";

/** Never answers: the zero-config probe of the exporters made by `choose` must not find anything on this machine. */
const NO_COLLECTOR = "http://127.0.0.1:1";

function choose(env: Record<string, string>, options: TracewiseOptions = {}) {
  env = { TRACEWISE_COLLECTOR_URL: NO_COLLECTOR, ...env };
  const lines: string[] = [];
  const config = resolveConfig({ logLevel: "debug", logSink: (level, message) => lines.push(`${level}: ${message}`), ...options }, env);
  const exporters = chooseDefaultExporters(config, env);
  return { exporters, lines };
}

/** A port that was free a moment ago: bound on port 0, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // the host app's synchronous work
  }
}

describe("OTEL_TRACES_EXPORTER, as OpenTelemetry defines it", () => {
  it("none: no exporter at all", () => {
    const { exporters, lines } = choose({ OTEL_TRACES_EXPORTER: "none", LANGFUSE_PUBLIC_KEY: "pk", LANGFUSE_SECRET_KEY: "sk" });
    expect(exporters).toEqual([]);
    expect(lines).toContain("debug: OTEL_TRACES_EXPORTER=none: traces are recorded but not exported");
  });

  it("console: the tree, even when a backend is configured", () => {
    const { exporters } = choose({ OTEL_TRACES_EXPORTER: "console", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" });
    expect(exporters.map((e) => e.constructor)).toEqual([ConsoleExporter]);
  });

  it("otlp without an endpoint: OpenTelemetry's default http://localhost:4318/v1/traces", () => {
    const { exporters, lines } = choose({ OTEL_TRACES_EXPORTER: "otlp" });
    expect(exporters).toHaveLength(1);
    expect((exporters[0] as OtlpHttpExporter).target).toMatchObject({ kind: "otlp", tracesUrl: "http://localhost:4318/v1/traces" });
    expect(lines).toContain("debug: exporting traces over OTLP/HTTP (http/protobuf, gzip) to an OTLP backend at http://localhost:4318/v1/traces");
  });

  it("otlp with Langfuse keys in the environment: Langfuse's OTLP endpoint", () => {
    const { exporters } = choose({ OTEL_TRACES_EXPORTER: "otlp", LANGFUSE_PUBLIC_KEY: "pk", LANGFUSE_SECRET_KEY: "sk", LANGFUSE_BASE_URL: "https://lf.example" });
    expect((exporters[0] as OtlpHttpExporter).target.tracesUrl).toBe("https://lf.example/api/public/otel/v1/traces");
  });

  it("a list (otlp,console) gives both; case and spaces do not matter", () => {
    const { exporters } = choose({ OTEL_TRACES_EXPORTER: " OTLP , console", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" });
    expect(exporters.map((e) => e.constructor)).toEqual([OtlpHttpExporter, ConsoleExporter]);
  });

  it("values Tracewise does not implement warn once and are ignored", () => {
    const zipkinOnly = choose({ OTEL_TRACES_EXPORTER: "zipkin" });
    expect(zipkinOnly.exporters.map((e) => e.constructor)).toEqual([LocalOrConsoleExporter]);
    expect(zipkinOnly.lines.filter((l) => l.startsWith("warn:"))).toEqual([
      'warn: ignoring zipkin in OTEL_TRACES_EXPORTER="zipkin": Tracewise implements otlp, console, none',
    ]);
    expect(choose({ OTEL_TRACES_EXPORTER: "zipkin,console" }).exporters.map((e) => e.constructor)).toEqual([ConsoleExporter]);
  });

  it("Langfuse keys passed as options beat the environment's OTEL_TRACES_EXPORTER", () => {
    const { exporters } = choose({ OTEL_TRACES_EXPORTER: "none" }, { publicKey: "pk", secretKey: "sk" });
    expect((exporters[0] as OtlpHttpExporter).target.kind).toBe("langfuse");
  });
});

describe("what the default choice says", () => {
  it("debug logging names the exporter and the endpoint", () => {
    const { lines } = choose({ LANGFUSE_PUBLIC_KEY: "pk", LANGFUSE_SECRET_KEY: "sk" });
    expect(lines).toContain("debug: exporting traces over OTLP/HTTP (http/protobuf, gzip) to Langfuse at https://cloud.langfuse.com/api/public/otel/v1/traces");
    expect(lines.join("\n")).not.toContain("sk");
  });

  it.each([
    [{ LANGFUSE_PUBLIC_KEY: "pk-lf-1" }, "LANGFUSE_PUBLIC_KEY (publicKey) is set but LANGFUSE_SECRET_KEY (secretKey) is not"],
    [{ LANGFUSE_SECRET_KEY: "sk-lf-1" }, "LANGFUSE_SECRET_KEY (secretKey) is set but LANGFUSE_PUBLIC_KEY (publicKey) is not"],
  ])("one warning for a half-configured Langfuse target: %j", (env, message) => {
    const { exporters, lines } = choose(env);
    expect(exporters.map((e) => e.constructor)).toEqual([LocalOrConsoleExporter]);
    const warnings = lines.filter((l) => l.startsWith("warn:"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(message);
    expect(warnings[0]).not.toContain("sk-lf-1");
  });

  it("one warning when a second client replaces the global one", () => {
    const lines: string[] = [];
    const options = { exporter: [], flushOnExit: false, logSink: (_l: string, m: string) => lines.push(m) } satisfies TracewiseOptions;
    for (let i = 0; i < 3; i++) new Tracewise(options);
    const replaced = lines.filter((l) => l.includes("replaced the global one"));
    // Once per process: an earlier test file in this worker may have used it up already.
    expect(replaced.length).toBeLessThanOrEqual(1);
    expect(lines.filter((l) => l === replaced[0]).length).toBe(replaced.length);
  });
});

describe("zero configuration: the local viewer, else the console in development, else nothing in production", () => {
  let fx: CollectorFixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => fx.cleanup());
  afterEach(() => vi.unstubAllEnvs());

  async function zeroConfigClient(env: Record<string, string>) {
    // The suite sets OTEL_TRACES_EXPORTER=none for hermeticity; here the environment is the subject.
    vi.stubEnv("OTEL_TRACES_EXPORTER", "");
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    const lines: string[] = [];
    const tw = new Tracewise({ flushOnExit: false, global: false, logSink: (level, message) => lines.push(`${level}: ${message}`) });
    return { tw, lines };
  }

  it("with NODE_ENV=production and no viewer: one warning, nothing on stdout, the records counted as not exported", async () => {
    const write = vi.spyOn(process.stdout, "write");
    try {
      const { tw, lines } = await zeroConfigClient({ NODE_ENV: "production", TRACEWISE_COLLECTOR_URL: `http://127.0.0.1:${await closedPort()}` });
      for (let i = 0; i < 3; i++) tw.trace({ name: "job" }).end();
      await tw.flush();
      for (let i = 0; i < 3; i++) tw.trace({ name: "job" }).end();
      await tw.shutdown();
      expect(write).not.toHaveBeenCalled();
      expect(lines.filter((l) => l.startsWith("warn:"))).toEqual([expect.stringContaining("no exporter is configured (NODE_ENV=production): traces are not exported")]);
      expect(tw.stats()["export.auto.dropped.not_configured"]).toBe(6);
    } finally {
      write.mockRestore();
    }
  });

  it("with the viewer running, production apps send there too", async () => {
    const { tw } = await zeroConfigClient({ NODE_ENV: "production", TRACEWISE_COLLECTOR_URL: fx.collector.url });
    const before = await traceCount(fx.collector.url);
    tw.trace({ name: "prod-job" }).end();
    await tw.shutdown();
    expect(await traceCount(fx.collector.url)).toBe(before + 1);
  });

  it("in development, several clients print the tree and announce it once", async () => {
    vi.stubEnv("OTEL_TRACES_EXPORTER", "");
    vi.stubEnv("TRACEWISE_COLLECTOR_URL", `http://127.0.0.1:${await closedPort()}`);
    const lines: string[] = [];
    let printed = "";
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    try {
      const clients = [1, 2, 3].map(() => new Tracewise({ flushOnExit: false, global: false, logSink: (_level, message) => lines.push(message) }));
      for (const [i, tw] of clients.entries()) tw.trace({ name: `dev-${i}` }).end();
      for (const tw of clients) await tw.shutdown();
    } finally {
      write.mockRestore();
    }
    expect(lines.filter((l) => l.startsWith("printing traces to the console"))).toHaveLength(1);
    expect(printed).toMatch(/● dev-0[\s\S]*● dev-1[\s\S]*● dev-2/);
  });

  it("the probe answers true although the host blocks the event loop for longer than the probe timeout", async () => {
    const found = probeCollector({ url: fx.collector.url, timeoutMs: 300 });
    busyWait(600);
    expect(await found).toBe(true);
  });

  it("traces finished in a tight loop while the probe runs are held and all delivered", async () => {
    const { tw } = await zeroConfigClient({ TRACEWISE_COLLECTOR_URL: fx.collector.url });
    const before = await traceCount(fx.collector.url);
    for (let i = 0; i < 5_000; i++) tw.trace({ name: `loop-${i}` }).end();
    busyWait(400);
    await tw.shutdown();
    expect(await traceCount(fx.collector.url)).toBe(before + 5_000);
    expect(tw.stats()["export.auto.dropped.probe_buffer_full"]).toBeUndefined();
  });

  it("beyond the bound, held records are dropped with a warning and a counter", async () => {
    const lines: string[] = [];
    const tw = new Tracewise({
      exporter: new LocalOrConsoleExporter({ url: fx.collector.url, delivery: { maxQueueRecords: 10 }, announce: () => {} }),
      flushOnExit: false,
      global: false,
      logSink: (level, message) => lines.push(`${level}: ${message}`),
    });
    for (let i = 0; i < 25; i++) tw.trace({ name: `bounded-${i}` }).end();
    await tw.shutdown();
    const dropped = tw.stats()["export.auto.dropped.probe_buffer_full"] ?? 0;
    expect(dropped).toBeGreaterThanOrEqual(15);
    expect(lines).toContain(`warn: dropped ${dropped} records that finished while looking for a local collector (more than 10 were waiting); set an exporter explicitly to avoid the wait`);
  });
});

async function traceCount(url: string): Promise<number> {
  const health = (await (await fetch(`${url}/api/health`)).json()) as { traces: number };
  return health.traces;
}
