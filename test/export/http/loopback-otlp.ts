/**
 * The common setup of the delivery tests: a fresh fault server and exporter context per test (closed
 * after it), and an OTLP exporter aimed at that server with zero-jitter retries.
 */
import { afterEach, beforeEach } from "vitest";
import { OtlpHttpExporter, type OtlpHttpExporterOptions } from "../../../src/export/otlp/otlp-http-exporter";
import { FaultServer } from "../../helpers/fault-server";
import { testContext } from "../fixtures";

/** Per-test loopback state; read its fields inside tests (they change every test). */
export interface LoopbackOtlp {
  readonly server: FaultServer;
  readonly ctx: ReturnType<typeof testContext>;
  /** Replaces this test's server with one started with `options` (the old one is closed). */
  restart(options: Parameters<typeof FaultServer.start>[0]): Promise<FaultServer>;
  /** An initialised exporter sending to this test's server; `random: () => 0` makes backoff 0 ms. */
  exporter(options?: OtlpHttpExporterOptions): OtlpHttpExporter;
}

/** Registers the per-test hooks and returns the accessors. `defaults` apply to every exporter. */
export function useLoopbackOtlp(defaults: OtlpHttpExporterOptions = {}): LoopbackOtlp {
  let server: FaultServer | undefined;
  let ctx: ReturnType<typeof testContext> | undefined;
  beforeEach(async () => {
    server = await FaultServer.start();
    ctx = testContext();
  });
  afterEach(async () => {
    await server?.close();
  });
  const current = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useLoopbackOtlp: used outside a test");
    return value;
  };
  return {
    get server() {
      return current(server);
    },
    get ctx() {
      return current(ctx);
    },
    async restart(options) {
      await current(server).close();
      server = await FaultServer.start(options);
      return server;
    },
    exporter(options = {}) {
      const e = new OtlpHttpExporter({ endpoint: `${current(server).origin}/v1/traces`, random: () => 0, ...defaults, ...options });
      e.init(current(ctx));
      return e;
    },
  };
}
