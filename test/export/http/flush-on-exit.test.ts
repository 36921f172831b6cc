/**
 * A real child process (`node --import tsx`) queues records and then ends normally or receives
 * SIGTERM: everything queued is delivered, and the process ends the way it would have without us.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FaultServer } from "../../helpers/fault-server";

const script = fileURLToPath(new URL("../../fixtures/delivery/exit-script.ts", import.meta.url));
const root = fileURLToPath(new URL("../../..", import.meta.url));

let server: FaultServer;
beforeEach(async () => {
  server = await FaultServer.start();
});
afterEach(async () => {
  await server.close();
});

interface ChildResult {
  readonly ids: string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
}

function runChild(mode: string, signalAfterIds?: NodeJS.Signals): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: root,
      env: { ...process.env, MODE: mode, COUNT: "40", ENDPOINT: `${server.origin}/v1/traces` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let signalled = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (signalAfterIds !== undefined && !signalled && stdout.includes("\n")) {
        signalled = true;
        child.kill(signalAfterIds);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const firstLine = stdout.split("\n")[0] ?? "[]";
      try {
        resolve({ ids: JSON.parse(firstLine) as string[], code, signal, stdout });
      } catch {
        reject(new Error(`child printed no ids (code ${code}, signal ${signal}): ${stderr}`));
      }
    });
  });
}

describe("flushOnExit in a child process", () => {
  it("delivers everything queued when the process ends normally, keeping its exit code", async () => {
    const result = await runChild("natural");
    expect(result.ids).toHaveLength(40);
    expect(server.acceptedIds().sort()).toEqual([...result.ids].sort());
    expect(result.code).toBe(3);
    expect(result.signal).toBeNull();
  });

  it("delivers everything queued on SIGTERM and then dies of SIGTERM as Node would have", async () => {
    const result = await runChild("sigterm", "SIGTERM");
    expect(server.acceptedIds().sort()).toEqual([...result.ids].sort());
    expect(result.signal).toBe("SIGTERM");
  });

  it("leaves the exit to a host that has its own SIGTERM listener", async () => {
    const result = await runChild("host-listener", "SIGTERM");
    expect(server.acceptedIds().sort()).toEqual([...result.ids].sort());
    expect(result.stdout).toContain("host handler ran");
    expect(result.code).toBe(0);
    expect(result.signal).toBeNull();
  });
});
