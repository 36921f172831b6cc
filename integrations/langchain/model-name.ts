/**
 * Keys that name the model, in order of preference, in LangChain's invocation params and in a
 * serialized model's constructor arguments (`kwargs`).
 */
const REQUEST_MODEL_KEYS = ["model", "model_name", "modelName", "model_id", "modelId", "deployment_name", "azureOpenAIApiDeploymentName"] as const;

/** Keys that name the model in a response's `response_metadata` or `generationInfo`. */
const RESPONSE_MODEL_KEYS = ["model_name", "model", "modelName", "model_id"] as const;

/**
 * The requested model of an LLM run: the invocation params, then LangSmith's `ls_model_name` run
 * metadata, then the serialized model's constructor arguments.
 */
export function requestedModel(
  invocationParams: unknown,
  metadata: Record<string, unknown> | undefined,
  serialized: unknown,
): string | undefined {
  return (
    firstString(invocationParams, REQUEST_MODEL_KEYS) ??
    nonEmptyString(metadata?.ls_model_name) ??
    firstString(objectField(serialized, "kwargs"), REQUEST_MODEL_KEYS)
  );
}

/**
 * The model that answered, from the last generation's message `response_metadata` (chat models) or its
 * `generationInfo`. Usually more precise than the requested one (a dated snapshot such as
 * `gpt-4o-mini-2024-07-18`), so it replaces it when present.
 */
export function respondingModel(lastGeneration: unknown): string | undefined {
  const message = objectField(lastGeneration, "message");
  return (
    firstString(objectField(message, "response_metadata"), RESPONSE_MODEL_KEYS) ??
    firstString(objectField(lastGeneration, "generationInfo"), RESPONSE_MODEL_KEYS)
  );
}

function firstString(source: unknown, keys: readonly string[]): string | undefined {
  if (typeof source !== "object" || source === null) return undefined;
  for (const key of keys) {
    const value = nonEmptyString((source as Record<string, unknown>)[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function objectField(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
