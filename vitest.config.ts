import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "tracewise/openai": fileURLToPath(new URL("./integrations/openai/index.ts", import.meta.url)),
      "tracewise/langchain": fileURLToPath(new URL("./integrations/langchain/index.ts", import.meta.url)),
      tracewise: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
