import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

// The built package, loaded the way users load it: by name, through the exports map, with both
// require() and import(), in a fresh Node process (no Vitest aliases).
const root = fileURLToPath(new URL("../..", import.meta.url));

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...process.env, TRACEWISE_LOG_LEVEL: "silent" } });
}

beforeAll(() => {
  execFileSync(process.execPath, [`${root}node_modules/tsup/dist/cli-default.js`], { cwd: root, stdio: "pipe" });
}, 120_000);

describe("the built package", () => {
  it("loads every entry with require()", () => {
    const out = node([
      "-e",
      `const t = require("tracewise"); const o = require("tracewise/openai"); const l = require("tracewise/langchain");
       const mem = new t.InMemoryExporter(); new t.Tracewise({ exporter: mem, flushOnExit: false });
       t.observe(function cjs(x) { return x + 1; })(1);
       console.log(JSON.stringify([typeof t.observe, typeof o.observeOpenAI, typeof l.CallbackHandler, mem.getFinishedObservations()[0].output, require("tracewise/package.json").name]));`,
    ]);
    expect(JSON.parse(out)).toEqual(["function", "function", "function", 2, "tracewise"]);
  });

  it("loads every entry with import()", () => {
    const out = node([
      "--input-type=module",
      "-e",
      `const t = await import("tracewise"); const o = await import("tracewise/openai"); const l = await import("tracewise/langchain");
       const mem = new t.InMemoryExporter(); new t.Tracewise({ exporter: mem, flushOnExit: false });
       await t.observe(async function esm(x) { return x * 2; })(4);
       console.log(JSON.stringify([typeof t.observe, typeof o.observeOpenAI, typeof l.CallbackHandler, mem.getFinishedObservations()[0].output]));`,
    ]);
    expect(JSON.parse(out)).toEqual(["function", "function", "function", 8]);
  });

  it("ships the tracewise command", () => {
    expect(node(["dist/cli/bin.js", "--help"])).toContain("tracewise ui");
  });
});
