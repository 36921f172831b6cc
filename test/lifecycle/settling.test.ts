/**
 * Settling guarantees in real child processes (`node --import tsx`, an ESM and a CommonJS app, see
 * `test/fixtures/delivery/lifecycle-app.*`) against backends that fail the way real ones do: a port
 * nobody listens on, a server that accepts and never answers, and one that answers 503 forever.
 *
 * Bounds are measured from the moment the app finished its own work (it prints the time), so the
 * child's start-up does not count; the margin absorbs scheduling on a busy machine. They separate
 * "settles at its deadline" from the tens of seconds a hanging backend used to cost, not fine timings.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const app = (flavour: "mjs" | "cjs"): string => fileURLToPath(new URL(`../fixtures/delivery/lifecycle-app.${flavour}`, import.meta.url));

/** Scheduling slack of a child process on a busy machine. */
const MARGIN_MS = 5_000;
/** Per test: a child's start-up (tsx compiles the sources) can take seconds on a shared machine. */
const TEST_TIMEOUT_MS = 60_000;
/** The documented bound a finished app's exit flush may hold it (flush-on-exit's default). */
const EXIT_FLUSH_MS = 5_000;

interface Backend {
  readonly name: string;
  readonly url: string;
  close(): Promise<void>;
}

const sockets = new Set<Socket>();

async function listen(server: Server): Promise<number> {
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function unreachable(): Promise<Backend> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { name: "an unreachable port", url: `http://127.0.0.1:${port}/v1/traces`, close: async () => undefined };
}

async function serving(name: string, handler: Parameters<typeof createServer>[1]): Promise<Backend> {
  const server = createServer(handler);
  const port = await listen(server);
  return {
    name,
    url: `http://127.0.0.1:${port}/v1/traces`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from the end of the app's own work to the exit. */
  readonly elapsedMs: number;
  /** Milliseconds from the SIGTERM to the exit, when one was sent. */
  readonly afterSignalMs?: number;
}

function run(flavour: "mjs" | "cjs", backend: Backend, env: Record<string, string>, signalOnReady = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    let signalledAt: number | undefined;
    const child = spawn(process.execPath, ["--import", "tsx", app(flavour)], {
      cwd: root,
      env: { ...process.env, ENDPOINT: backend.url, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (signalOnReady && signalledAt === undefined && stdout.includes("ready\n")) {
        // Let the app's records reach the exporter's first request before the signal.
        setTimeout(() => {
          signalledAt = Date.now();
          child.kill("SIGTERM");
        }, 300);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const now = Date.now();
      const finished = Number(/^finished (\d+)$/m.exec(stdout)?.[1] ?? Number.NaN);
      resolve({ code, signal, stdout, stderr, elapsedMs: now - finished, ...(signalledAt === undefined ? {} : { afterSignalMs: now - signalledAt }) });
    });
  });
}

function statsOf(result: Run): Record<string, number> {
  const line = result.stdout.split("\n").find((l) => l.startsWith("after "));
  if (line === undefined) throw new Error(`the code after the await never ran (code ${result.code}): ${result.stderr}`);
  return JSON.parse(line.slice("after ".length)) as Record<string, number>;
}

function sum(stats: Record<string, number>, prefix: string): number {
  return Object.entries(stats)
    .filter(([key]) => key.startsWith(prefix))
    .reduce((total, [, value]) => total + value, 0);
}

const backends: Backend[] = [];
beforeAll(async () => {
  backends.push(
    await unreachable(),
    await serving("a server that never answers", () => undefined),
    await serving("a server answering 503 forever", (req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(503).end('{"message":"unavailable"}'));
    }),
  );
});
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
});

const cases = (["mjs", "cjs"] as const).flatMap((flavour) => [0, 1, 2].map((index) => [flavour, index] as const));
const backendName = (index: number): string => ["an unreachable port", "a server that never answers", "a server answering 503 forever"][index] ?? "";

describe.concurrent("await shutdown() in a child process", () => {
  it.each(cases)("%s app, backend %i: resolves at its deadline, runs the code after it, keeps the exit code and counts every record", async (flavour, index) => {
    const backend = backends[index]!;
    const result = await run(flavour, backend, { MODE: "shutdown", SHUTDOWN_MS: "1500" });
    const stats = statsOf(result);
    expect(result.code, backendName(index)).toBe(7);
    expect(result.elapsedMs).toBeLessThan(1500 + MARGIN_MS);
    // exported + dropped = produced, and everything abandoned at the deadline is counted.
    expect((stats["export.otlp.records.exported"] ?? 0) + sum(stats, "export.otlp.dropped.")).toBe(stats["observations.ended"]);
    expect(stats["export.otlp.dropped.shutdown"]).toBe(30);
    const warnings = result.stderr.split("\n").filter((line) => line.includes("shutdown gave up"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("dropped 30 record(s)");
  }, TEST_TIMEOUT_MS);
});

describe.concurrent("await flush() in a child process", () => {
  it.each(cases)("%s app, backend %i: resolves at its deadline and runs the code after it", async (flavour, index) => {
    const backend = backends[index]!;
    const result = await run(flavour, backend, { MODE: "flush", FLUSH_MS: "1500" });
    statsOf(result);
    expect(result.code, backendName(index)).toBe(7);
    expect(result.elapsedMs).toBeLessThan(1500 + MARGIN_MS);
  }, TEST_TIMEOUT_MS);
});

describe.concurrent("a finished app that never calls shutdown()", () => {
  it.each(cases)("%s app, backend %i: exits within the exit-flush bound with its own exit code", async (flavour, index) => {
    const backend = backends[index]!;
    const result = await run(flavour, backend, { MODE: "none" });
    expect(result.code, backendName(index)).toBe(7);
    expect(result.elapsedMs).toBeLessThan(EXIT_FLUSH_MS + MARGIN_MS);
  }, TEST_TIMEOUT_MS);
});

describe.concurrent("SIGTERM to an app with its own handler", () => {
  it.each(cases)("%s app, backend %i: the handler runs and the process ends within the exit-flush bound", async (flavour, index) => {
    const backend = backends[index]!;
    const result = await run(flavour, backend, { MODE: "sigterm" }, true);
    expect(result.stdout).toContain("handler ran");
    expect(result.code, backendName(index)).toBe(0);
    expect(result.afterSignalMs).toBeLessThan(EXIT_FLUSH_MS + MARGIN_MS);
  }, TEST_TIMEOUT_MS);
});
