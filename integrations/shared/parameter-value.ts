import type { ModelParameters } from "tracewise";

/**
 * Sets `out[key]` to a request parameter as Langfuse stores it: strings, finite numbers, booleans,
 * null and string arrays as they are; other objects (`response_format`, `tool_choice`, `thinking`)
 * as JSON text. Anything else (functions, undefined, non-finite numbers) is left out.
 */
export function setParameter(out: Record<string, ModelParameters[string]>, key: string, value: unknown): void {
  const normalized = normalize(value);
  if (normalized !== undefined) out[key] = normalized;
}

function normalize(value: unknown): ModelParameters[string] | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : undefined;
    case "object":
      if (value === null) return null;
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
      return toJson(value);
    default:
      return undefined;
  }
}

function toJson(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
