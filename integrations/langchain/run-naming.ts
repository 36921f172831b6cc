import type { ObservationLevel } from "tracewise";
import { HIDDEN_TAG } from "./trace-attributes";

/** Serialized class paths and run names that mark a chain as an agent (agent executors, graphs). */
const AGENT_PATTERN = /agent/i;
/** Class names of compiled LangGraph graphs; their top-level run is named `LangGraph`. */
const GRAPH_CLASSES: ReadonlySet<string> = new Set(["CompiledStateGraph", "CompiledGraph", "Pregel", "LangGraph"]);

/**
 * The name of a run: LangChain's run name, else the serialized component's name or the last segment
 * of its class path, else `fallback`.
 */
export function runName(serialized: unknown, name: string | undefined, fallback: string): string {
  if (typeof name === "string" && name !== "") return name;
  const s = typeof serialized === "object" && serialized !== null ? (serialized as { name?: unknown; id?: unknown }) : {};
  if (typeof s.name === "string" && s.name !== "") return s.name;
  const last: unknown = Array.isArray(s.id) ? s.id.at(-1) : undefined;
  return typeof last === "string" && last !== "" ? last : fallback;
}

/**
 * `agent` for agent executors, agent runnables and LangGraph graphs (by class path or run name),
 * `chain` for every other chain run.
 */
export function chainType(serialized: unknown, name: string): "agent" | "chain" {
  if (AGENT_PATTERN.test(name) || GRAPH_CLASSES.has(name)) return "agent";
  const id = typeof serialized === "object" && serialized !== null ? (serialized as { id?: unknown }).id : undefined;
  if (Array.isArray(id)) {
    for (const part of id) if (typeof part === "string" && (AGENT_PATTERN.test(part) || GRAPH_CLASSES.has(part))) return "agent";
  }
  return "chain";
}

/** `DEBUG` for runs LangChain marks as internal (`langsmith:hidden`), else undefined (the default level). */
export function levelForTags(tags: readonly string[] | undefined): ObservationLevel | undefined {
  return tags?.includes(HIDDEN_TAG) === true ? "DEBUG" : undefined;
}
