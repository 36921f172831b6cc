import { defineConfig } from "tsup";

/** Dual ESM + CJS build with declaration files for every public entry point. */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "cli/bin": "src/cli/bin.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
  splitting: true,
  treeshake: true,
  external: ["openai", "@langchain/core", "better-sqlite3", "reflect-metadata"],
});
