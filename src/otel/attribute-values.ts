import type { AttributeValue, Attributes } from "./otel-span";

/** A string attribute, or undefined. */
export function stringAttr(attributes: Attributes, key: string): string | undefined {
  const value = attributes[key];
  return typeof value === "string" ? value : undefined;
}

/** A finite number attribute (numeric strings accepted), or undefined. */
export function numberAttr(attributes: Attributes, key: string): number | undefined {
  const value = attributes[key];
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/**
 * An attribute holding JSON (instrumentations serialise messages and tool arguments into strings):
 * the parsed value, or the raw value when it is not JSON.
 */
export function jsonAttr(attributes: Attributes, key: string): unknown {
  const value: AttributeValue | undefined = attributes[key];
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith('"'))) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/** The first defined value. */
export function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  for (const value of values) if (value !== undefined) return value;
  return undefined;
}
