/**
 * Which observation type a span becomes, by Langfuse's rules (first match wins): an explicit lowercase
 * `langfuse.observation.type`, OpenInference's span kind, the GenAI operation name, a tool name or call
 * id, then any model attribute; otherwise a span.
 *
 * @module
 */
import { OBSERVATION_TYPES, type ObservationType } from "../../core/records";
import { firstString, type Attributes } from "./attribute-readers";

const OPENINFERENCE_KINDS: Readonly<Record<string, ObservationType>> = {
  LLM: "generation",
  CHAIN: "chain",
  RETRIEVER: "retriever",
  EMBEDDING: "embedding",
  AGENT: "agent",
  TOOL: "tool",
  GUARDRAIL: "guardrail",
  EVALUATOR: "evaluator",
};

const GENAI_OPERATIONS: Readonly<Record<string, ObservationType>> = {
  chat: "generation",
  completion: "generation",
  text_completion: "generation",
  generate_content: "generation",
  generate: "generation",
  embeddings: "embedding",
  invoke_agent: "agent",
  create_agent: "agent",
  execute_tool: "tool",
};

/** Keys the model name is read from, in order of precedence. */
export const MODEL_KEYS = [
  "langfuse.observation.model.name",
  "gen_ai.response.model",
  "ai.model.id",
  "gen_ai.request.model",
  "llm.response.model",
  "llm.model_name",
  "model",
] as const;

/** Keys whose non-empty value makes an otherwise untyped span a generation. */
const GENERATION_MODEL_KEYS = [
  "langfuse.observation.model.name",
  "gen_ai.request.model",
  "gen_ai.response.model",
  "llm.model_name",
  "model",
] as const;

function isObservationType(value: unknown): value is ObservationType {
  return typeof value === "string" && (OBSERVATION_TYPES as readonly string[]).includes(value);
}

/** The observation type of a span with these attributes. */
export function observationType(attrs: Attributes): ObservationType {
  const explicit = attrs["langfuse.observation.type"];
  if (isObservationType(explicit)) return explicit;
  const kind = attrs["openinference.span.kind"];
  if (typeof kind === "string" && OPENINFERENCE_KINDS[kind]) return OPENINFERENCE_KINDS[kind];
  const operation = attrs["gen_ai.operation.name"];
  if (typeof operation === "string" && GENAI_OPERATIONS[operation]) return GENAI_OPERATIONS[operation];
  if (firstString(attrs, "gen_ai.tool.name", "gen_ai.tool.call.id") !== undefined) return "tool";
  if (firstString(attrs, ...GENERATION_MODEL_KEYS) !== undefined) return "generation";
  return "span";
}
