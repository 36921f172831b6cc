import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startCollector } from "../../src/dev";
import type { CliIo } from "../../src/cli/cli-io";
import { runCli } from "../../src/cli/main";
import { parseUiArgs } from "../../src/cli/ui-command";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "src/cli/bin.ts");
/** Polls with a generous deadline: the machine running the suite may be loaded (no timing assertions). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 50 });

function memoryIo(stop: Promise<string> = new Promise(() => {})): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), waitForStop: () => stop };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tracewise-cli-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("tracewise CLI (in process)", () => {
  it("prints help for --help and for ui --help", async () => {
    const io = memoryIo();
    expect(await runCli(["--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("tracewise <command>");
    expect(await runCli(["ui", "--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("--port <port>");
  });

  it("refuses unknown commands, unknown options and bad ports with exit code 2", async () => {
    const io = memoryIo();
    expect(await runCli(["serve"], io)).toBe(2);
    expect(await runCli(["ui", "--colour"], io)).toBe(2);
    expect(await runCli(["ui", "--port", "http"], io)).toBe(2);
    expect(await runCli(["ui", "--port", "70000"], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/unknown command 'serve'[\s\S]*--colour[\s\S]*--port must be an integer/);
  });

  it("parses ui options with defaults", () => {
    expect(parseUiArgs([])).toEqual({ port: 4318, dir: ".tracewise", host: "127.0.0.1" });
    expect(parseUiArgs(["-p", "0", "-d", "/tmp/x", "--host", "::1"])).toEqual({ port: 0, dir: "/tmp/x", host: "::1" });
  });

  it("runs the collector until stopped, printing the viewer URL", async () => {
    let stop!: (signal: string) => void;
    const io = memoryIo(new Promise((r) => (stop = r)));
    const running = runCli(["ui", "--port", "0", "--dir", tempDir()], io);
    await poll(() => io.stdout[0] ?? "").toMatch(/^Tracewise viewer: http:\/\/127\.0\.0\.1:\d+$/);
    const url = io.stdout[0]!.split(": ")[1]!;
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    stop("SIGINT");
    expect(await running).toBe(0);
    expect(io.stdout.at(-1)).toBe("Stopped.");
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });

  it("exits 1 with a clear message when the port is taken", async () => {
    const other = await startCollector({ port: 0, dir: tempDir() });
    try {
      const io = memoryIo();
      expect(await runCli(["ui", "--port", String(other.port), "--dir", tempDir()], io)).toBe(1);
      expect(io.stderr.join("\n")).toContain("already in use");
    } finally {
      await other.close();
    }
  });
});

describe("tracewise CLI (real process)", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`serves the viewer and shuts down gracefully on ${signal}`, async () => {
      const dir = tempDir();
      child = spawn(process.execPath, ["--import", "tsx", BIN, "ui", "--port", "0", "--dir", dir], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((r) => child!.once("exit", (code) => r(code)));
      await poll(() => /Tracewise viewer: (http\S+)/.exec(stdout)?.[1]).toBeDefined();
      const url = /Tracewise viewer: (http\S+)/.exec(stdout)![1]!;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<title>Tracewise");
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stdout).toContain("Stopped.");
      expect(stderr).toBe("");
    });
  }
});
