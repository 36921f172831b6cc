import { generationStart } from "./generation-mapping";
import type { RunStart } from "./run-tracker";
import { chainType, runName } from "./run-naming";
import { chainInput } from "./value-mapping";

/** What every LangChain start callback says about the run, besides its payload. */
export interface RunContext {
  runId: string;
  parentRunId: string | undefined;
  tags: string[] | undefined;
  metadata: Record<string, unknown> | undefined;
  /** LangChain's run name (`runName` in the config), when set. */
  name: string | undefined;
}

/** A chain run: `agent` for agent executors and graphs, else `chain`; input without LangChain's wrapper. */
export function chainRun(serialized: unknown, inputs: unknown, ctx: RunContext): RunStart {
  const name = runName(serialized, ctx.name, "chain");
  return { ...base(ctx), name, type: chainType(serialized, name), data: () => ({ input: chainInput(inputs) }) };
}

/** A chat model or LLM run: a `generation` with its messages (or prompts), model and parameters. */
export function generationRun(
  serialized: unknown,
  prompts: readonly unknown[],
  extraParams: Record<string, unknown> | undefined,
  ctx: RunContext,
): RunStart {
  return {
    ...base(ctx),
    name: runName(serialized, ctx.name, "llm"),
    type: "generation",
    data: () => generationStart(serialized, prompts, extraParams, ctx.metadata),
  };
}

/** A tool run, with its input (LangChain passes it as a string, JSON for structured input). */
export function toolRun(serialized: unknown, input: string, ctx: RunContext, toolCallId: string | undefined): RunStart {
  const metadata = toolCallId === undefined ? ctx.metadata : { ...ctx.metadata, tool_call_id: toolCallId };
  return {
    ...base(ctx),
    metadata,
    name: runName(serialized, ctx.name, "tool"),
    type: "tool",
    data: () => ({ input: parseJsonObject(input) }),
  };
}

/** A retriever run, with its query. */
export function retrieverRun(serialized: unknown, query: string, ctx: RunContext): RunStart {
  return { ...base(ctx), name: runName(serialized, ctx.name, "retriever"), type: "retriever", data: () => ({ input: query }) };
}

function base(ctx: RunContext): Pick<RunStart, "runId" | "parentRunId" | "tags" | "metadata"> {
  return { runId: ctx.runId, parentRunId: ctx.parentRunId, tags: ctx.tags, metadata: ctx.metadata };
}

/** Structured tool input arrives as JSON text: record it as the object it was. */
function parseJsonObject(input: string): unknown {
  if (typeof input !== "string" || !input.startsWith("{")) return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}
