import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Vitest's esbuild transform emits no decorator metadata, so these fixtures are compiled by the real
// TypeScript compiler in each decorator mode and run in their own Node process.
const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = `${root}test/fixtures/decorators`;
const tsc = `${root}node_modules/typescript/bin/tsc`;

function compileAndRun(mode: "legacy" | "tc39"): Record<string, unknown> {
  execFileSync(process.execPath, [tsc, "-p", `${fixtures}/tsconfig.${mode}.json`], { stdio: "pipe" });
  const out = `${fixtures}/out-${mode}`;
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/package.json`, '{"type":"commonjs"}');
  const stdout = execFileSync(process.execPath, [`${out}/test/fixtures/decorators/${mode}-app.js`], { encoding: "utf8" });
  return JSON.parse(stdout) as Record<string, unknown>;
}

type Obs = { name: string; id: string; parent: string | null; type?: string; output?: unknown };

describe("decorators compiled by tsc", () => {
  it("legacy mode (experimentalDecorators + emitDecoratorMetadata): methods, classes and reflect-metadata", () => {
    const result = compileAndRun("legacy");
    expect(result.items).toEqual(["q-1"]);
    expect(result.listName).toBe("list");
    expect(result.listLength).toBe(3);
    // Metadata stored on the original method by a decorator applied before @observe() is copied over.
    expect(result.routeBeforeObserve).toBe("/items");
    expect(result.routeAfterObserve).toBe("/one");
    expect(result.paramtypes).toEqual(["String", "Number", "Retriever"]);
    expect(result.returntype).toBe("Promise");
    const observations = result.observations as Obs[];
    const list = observations.find((o) => o.name === "Controller.list");
    expect(observations.find((o) => o.name === "Tools.search")?.parent).toBe(list?.id);
    expect(observations.map((o) => o.name).sort()).toEqual(["Controller.list", "Controller.one", "Tools.describe", "Tools.search"]);
  });

  it("TC39 mode: method decorators, class decorators, private fields and generators", () => {
    const result = compileAndRun("tc39");
    expect(result.answer).toBe("Lisbon: sunny1");
    expect(result.chunks).toEqual(["a", "b"]);
    expect(result.runName).toBe("run");
    expect(result.runLength).toBe(1);
    const observations = result.observations as Obs[];
    const run = observations.find((o) => o.name === "Agent.run");
    expect(observations.find((o) => o.name === "Tools.lookup")).toMatchObject({ type: "tool", parent: run?.id });
    expect(observations.find((o) => o.name === "llm")).toMatchObject({ type: "generation", output: "ab" });
    expect(observations.find((o) => o.name === "Tools.version")).toMatchObject({ type: "tool", output: 2 });
  });
});
