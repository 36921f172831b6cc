import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { defineConfig, type Plugin } from "vitest/config";

/**
 * Vite 8's Oxc transform does not lower TC39 (standard) decorators, which Node 20 cannot parse; esbuild
 * does, exactly as `tsx` does for the examples. So TypeScript goes through esbuild here.
 */
function esbuildTypescript(): Plugin {
  return {
    name: "tracewise:esbuild-typescript",
    enforce: "pre",
    async transform(code, id) {
      if (!/\.(c|m)?tsx?$/.test(id.split("?")[0] ?? "") || id.includes("/node_modules/")) return null;
      const result = await transform(code, { loader: "ts", target: "es2022", format: "esm", sourcemap: true, keepNames: true, sourcefile: id });
      return { code: result.code, map: result.map };
    },
  };
}

export default defineConfig({
  oxc: false,
  plugins: [esbuildTypescript()],
  resolve: {
    alias: {
      "tracewise/openai": fileURLToPath(new URL("./integrations/openai/index.ts", import.meta.url)),
      "tracewise/langchain": fileURLToPath(new URL("./integrations/langchain/index.ts", import.meta.url)),
      "tracewise/anthropic": fileURLToPath(new URL("./integrations/anthropic/index.ts", import.meta.url)),
      "tracewise/otel": fileURLToPath(new URL("./src/otel/index.ts", import.meta.url)),
      "tracewise/agents": fileURLToPath(new URL("./integrations/openai-agents/index.ts", import.meta.url)),
      tracewise: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // A safety net for a loaded CI machine (tests that run tsc or child processes took 38 s at load 15
    // on 2 cores), not a performance threshold.
    testTimeout: 120_000,
    // Memory-bound tests force a collection before reading the heap.
    execArgv: ["--expose-gc"],
    hookTimeout: 60_000,
    // Hermetic: a client without an explicit exporter exports nothing, whatever this machine has set or
    // runs (a collector on 127.0.0.1:4318 must not receive the suite's traces). Tests about the default
    // choice pass their own environment.
    env: {
      OTEL_TRACES_EXPORTER: "none",
      LANGFUSE_PUBLIC_KEY: "",
      LANGFUSE_SECRET_KEY: "",
      OTEL_EXPORTER_OTLP_ENDPOINT: "",
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "",
      TRACEWISE_COLLECTOR_URL: "",
      NODE_ENV: "test",
    },
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
