import { InMemoryExporter, observe, Tracewise } from "tracewise";
import { describe, expect, it } from "vitest";

/**
 * observe() links a prompt to its observation (`promptName` / `promptVersion` on the record, which the
 * OTLP exporter writes as `langfuse.observation.prompt.name` / `.version`: see
 * test/export/otlp/otlp-mapping.test.ts), at the root of a trace and nested, as the SDK wrappers'
 * options and LangChain's `metadata.langfusePrompt` do.
 */
describe("observe(): prompt linking", () => {
  const mem = new InMemoryExporter();
  const tw = new Tracewise({ exporter: mem, global: false, logLevel: "error" });

  it("records the prompt name and version on a root and on a nested generation", async () => {
    mem.reset();
    const generate = observe(async (q: string) => `answer to ${q}`, { name: "llm", asType: "generation", promptName: "qa", promptVersion: 3, client: tw });
    const pipeline = observe(async (q: string) => generate(q), { name: "pipeline", asType: "generation", promptName: "router", promptVersion: 1, client: tw });
    await pipeline("why?");
    const [child, root] = mem.getFinishedObservations();
    expect(root).toMatchObject({ name: "pipeline", promptName: "router", promptVersion: 1 });
    expect(child).toMatchObject({ name: "llm", promptName: "qa", promptVersion: 3, parentObservationId: root?.id });
  });

  it("records nothing about prompts when none is given", async () => {
    mem.reset();
    await observe(async () => "x", { name: "plain", client: tw })();
    const [only] = mem.getFinishedObservations();
    expect(only?.promptName).toBeUndefined();
    expect(only?.promptVersion).toBeUndefined();
  });
});
