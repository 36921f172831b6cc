import { defineConfig } from "tsup";

/**
 * Dual ESM + CJS build with declaration files for every public entry point. Integrations import the
 * core through the package name, kept external, so one copy of the core (and of its global state)
 * serves `tracewise`, `tracewise/openai`, `tracewise/langchain` and `tracewise/otel`. No source maps: they would point
 * at sources the package does not ship (and were two thirds of the tarball).
 */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    openai: "integrations/openai/index.ts",
    langchain: "integrations/langchain/index.ts",
    anthropic: "integrations/anthropic/index.ts",
    otel: "src/otel/index.ts",
    agents: "integrations/openai-agents/index.ts",
    "cli/bin": "src/cli/bin.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: false,
  clean: true,
  target: "node20",
  platform: "node",
  splitting: true,
  treeshake: true,
  external: ["tracewise", "openai", "@langchain/core", "@anthropic-ai/sdk", "better-sqlite3", "reflect-metadata", "@opentelemetry/api"],
});
