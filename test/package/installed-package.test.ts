import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markdownSnippets } from "./helpers/markdown-snippets";
import { cleanEnv, compileWithTsc, packAndInstall, type PackedInstall, REPO_ROOT } from "./helpers/packed-install";

// The package as users get it: built, packed with `npm pack`, installed from the tarball into a fresh
// CommonJS app and a fresh ES module app, and run there in plain Node processes. Nothing here imports
// the sources; the repository's dist/ is not touched.
const execFileAsync = promisify(execFile);
const FIXTURES = join(import.meta.dirname, "fixtures");
/** Each test starts Node processes and some run tsc: generous on a loaded machine (a safety net, not a threshold). */
const SLOW = 120_000;

let pkg: PackedInstall;

beforeAll(() => {
  pkg = packAndInstall();
}, 300_000);

afterAll(() => pkg?.cleanup());

async function node(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(process.execPath, args, { cwd, encoding: "utf8", env: cleanEnv(env), timeout: 60_000 });
}

describe("the packed tarball", () => {
  it("ships the built entry points, the CLI, the types, README and LICENSE, and no source maps", () => {
    expect(readdirSync(pkg.installed).sort()).toEqual(["LICENSE", "README.md", "dist", "package.json"]);
    for (const file of ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", pkg.manifest.bin.tracewise!]) {
      expect(existsSync(join(pkg.installed, file)), file).toBe(true);
    }
    expect(readFileSync(join(pkg.installed, "LICENSE"), "utf8")).toContain("MIT License");
    const dist = readdirSync(join(pkg.installed, "dist"), { recursive: true, encoding: "utf8" });
    expect(dist.filter((f) => f.endsWith(".map"))).toEqual([]);
  });
});

describe("every subpath of the exports map", { timeout: SLOW }, () => {
  const subpaths = () => Object.keys(pkg.manifest.exports).map((key) => (key === "." ? "tracewise" : `tracewise/${key.slice(2)}`));

  it("loads with require() in a CommonJS app", async () => {
    const script = `const out = {};
      for (const id of ${JSON.stringify(subpaths())}) out[id] = Object.keys(require(id)).length;
      const t = require("tracewise");
      const mem = new t.InMemoryExporter();
      new t.Tracewise({ exporter: mem, flushOnExit: false, logLevel: "silent" });
      t.observe(function cjs(x) { return x + 1; })(1);
      out.output = mem.getFinishedObservations()[0].output;
      console.log(JSON.stringify(out));`;
    const result = JSON.parse((await node(pkg.cjsApp, ["-e", script])).stdout) as Record<string, number>;
    for (const id of subpaths()) expect(result[id], id).toBeGreaterThan(0);
    expect(result.output).toBe(2);
  });

  it("loads with import() in an ES module app", async () => {
    const script = `const out = {};
      for (const id of ${JSON.stringify(subpaths())}) {
        const mod = id.endsWith("package.json") ? await import(id, { with: { type: "json" } }) : await import(id);
        out[id] = Object.keys(mod).length;
      }
      const t = await import("tracewise");
      const mem = new t.InMemoryExporter();
      new t.Tracewise({ exporter: mem, flushOnExit: false, logLevel: "silent" });
      await t.observe(async function esm(x) { return x * 2; })(4);
      out.output = mem.getFinishedObservations()[0].output;
      console.log(JSON.stringify(out));`;
    const result = JSON.parse((await node(pkg.esmApp, ["--input-type=module", "-e", script])).stdout) as Record<string, number>;
    for (const id of subpaths()) expect(result[id], id).toBeGreaterThan(0);
    expect(result.output).toBe(8);
  });
});

describe("the quickstart compiled by tsc against the installed types", { timeout: SLOW }, () => {
  it("ES module app, TC39 decorators: prints the trace tree", async () => {
    copyFileSync(join(FIXTURES, "quickstart-esm.ts"), join(pkg.esmApp, "quickstart.ts"));
    compileWithTsc(pkg.esmApp, ["quickstart.ts"], "out", { rootDir: pkg.esmApp });
    const { stdout } = await node(pkg.esmApp, ["out/quickstart.js"], { OTEL_TRACES_EXPORTER: "console" });
    expect(stdout).toContain("answer to What is OTLP?");
    expect(stdout).toMatch(/● Agent\.run .*user=u-42.*tags=\[prod\]\n├─ retriever Agent\.retrieve .*\n└─ generation Agent\.answer /);
  });

  it("CommonJS app, legacy decorators with reflect-metadata: prints the trace tree", async () => {
    copyFileSync(join(FIXTURES, "quickstart-cjs.ts"), join(pkg.cjsApp, "quickstart.ts"));
    compileWithTsc(pkg.cjsApp, ["quickstart.ts"], "out", { experimentalDecorators: true, emitDecoratorMetadata: true });
    const { stdout } = await node(pkg.cjsApp, ["out/quickstart.js"], { OTEL_TRACES_EXPORTER: "console" });
    const json = stdout.split("\n").find((line) => line.startsWith("{")) ?? "{}";
    expect(JSON.parse(json)).toEqual({ answer: "answer to q from 2 docs", paramtypes: ["String", "Array"] });
    expect(stdout).toMatch(/● Agent\.run .*user=u-42.*\n├─ tool Search\.find .*\n└─ generation Agent\.answer /);
  });
});

describe("every ts snippet of README.md and docs/*.md", { timeout: SLOW }, () => {
  it("type-checks against the installed package (TC39 decorators; ES module unless marked commonjs)", () => {
    const snippets = markdownSnippets(REPO_ROOT);
    expect(snippets.length).toBeGreaterThan(5);
    const dir = join(pkg.esmApp, "snippets");
    mkdirSync(dir, { recursive: true });
    const files = snippets
      .filter((s) => !s.skip)
      .map((s) => {
        const name = `${s.where.replace(/[^\w]+/g, "-")}.${s.commonjs ? "cts" : "ts"}`;
        // The context goes on the snippet's first line so tsc's line numbers stay the Markdown ones + 1.
        writeFileSync(join(dir, name), `${s.context} export {};\n${s.code}\n`);
        return `snippets/${name}`;
      });
    // tsc names the snippet (README-md-25.ts = README.md, fence on line 25) and the line within it.
    compileWithTsc(pkg.esmApp, files, "snippets-out", { rootDir: pkg.esmApp, noEmit: true, noUnusedLocals: false });
  });
});

describe("npx tracewise ui from the installed package", { timeout: SLOW }, () => {
  let ui: ChildProcess | undefined;
  afterAll(() => {
    ui?.kill("SIGTERM");
  });

  it("receives the default (protobuf) export of an app with nothing configured and serves the trace", async () => {
    ui = spawn(process.execPath, [join(pkg.cjsApp, "node_modules/.bin/tracewise"), "ui", "--port", "0", "--dir", join(pkg.dir, "store")], {
      cwd: pkg.cjsApp,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let uiOutput = "";
    ui.stdout!.on("data", (chunk: Buffer) => (uiOutput += chunk.toString()));
    ui.stderr!.on("data", (chunk: Buffer) => (uiOutput += chunk.toString()));
    await expect.poll(() => uiOutput, { timeout: 30_000, interval: 50 }).toMatch(/Tracewise viewer: http:\/\/127\.0\.0\.1:\d+\n/);
    const url = /Tracewise viewer: (\S+)/.exec(uiOutput)![1]!;

    copyFileSync(join(FIXTURES, "quickstart-esm.ts"), join(pkg.esmApp, "quickstart.ts"));
    if (!existsSync(join(pkg.esmApp, "out/quickstart.js"))) compileWithTsc(pkg.esmApp, ["quickstart.ts"], "out", { rootDir: pkg.esmApp });
    // Only the viewer's address is given (the CLI picked a free port; 4318 may be taken on this machine).
    const app = await node(pkg.esmApp, ["out/quickstart.js"], { TRACEWISE_COLLECTOR_URL: url, TRACEWISE_LOG_LEVEL: "debug" });
    expect(app.stdout).not.toContain("● Agent.run");
    expect(app.stderr).toContain(`local collector at ${url}`);

    const list = (await (await fetch(`${url}/api/traces`)).json()) as { data: { id: string; name: string; userId: string | null }[] };
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ name: "Agent.run", userId: "u-42" });
    const detail = (await (await fetch(`${url}/api/traces/${list.data[0]!.id}`)).json()) as { observations: { name: string; type: string }[] };
    expect(detail.observations.map((o) => `${o.type} ${o.name}`).sort()).toEqual(["generation Agent.answer", "retriever Agent.retrieve", "span Agent.run"]);
    expect(uiOutput).not.toMatch(/error|500/i);
  });
});
