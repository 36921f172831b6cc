import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { probeCollector, startCollector } from "../../src/dev";
import { getJson, langfuseExample, post, tempDir, traceId } from "./helpers/collector-fixture";

describe("collector lifecycle", () => {
  it("keeps traces across a restart on the same directory", async () => {
    const dir = tempDir();
    try {
      const first = await startCollector({ port: 0, dir });
      const id = traceId();
      await post(`${first.url}/v1/traces`, langfuseExample(id, Date.now()).request);
      await first.close();
      await first.close(); // idempotent

      const second = await startCollector({ port: 0, dir });
      const detail = await getJson(`${second.url}/api/traces/${id}`);
      expect(detail.observations).toHaveLength(3);
      expect(detail.trace.name).toBe("agent-run");
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails with a clear message when the port is taken", async () => {
    const dir = tempDir();
    const otherDir = tempDir();
    const first = await startCollector({ port: 0, dir });
    try {
      await expect(startCollector({ port: first.port, dir: otherDir })).rejects.toThrow(/already in use/);
    } finally {
      await first.close();
      for (const d of [dir, otherDir]) rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("probeCollector", () => {
  it("answers true for a running collector", async () => {
    const dir = tempDir();
    const collector = await startCollector({ port: 0, dir });
    try {
      expect(await probeCollector({ url: collector.url })).toBe(true);
      expect(await probeCollector({ url: `http://localhost:${collector.port}` })).toBe(true);
    } finally {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers false when nothing listens, for another server, for a silent server, and for a bad URL", async () => {
    const closed = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => closed.once("listening", r));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await probeCollector({ url: `http://127.0.0.1:${freePort}` })).toBe(false);

    const other = createServer((_req, res) => res.end('{"status":"ok"}')).listen(0, "127.0.0.1");
    const silent = createServer(() => {}).listen(0, "127.0.0.1");
    await Promise.all([other, silent].map((s) => new Promise((r) => (s.listening ? r(null) : s.once("listening", r)))));
    try {
      expect(await probeCollector({ url: `http://127.0.0.1:${(other.address() as AddressInfo).port}` })).toBe(false);
      expect(await probeCollector({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 100 })).toBe(false);
      expect(await probeCollector({ url: "not a url" })).toBe(false);
      expect(await probeCollector({ url: "https://127.0.0.1:1" })).toBe(false);
    } finally {
      silent.closeAllConnections();
      await Promise.all([other, silent].map((s) => new Promise((r) => s.close(r))));
    }
  });
});
