/**
 * Small readers over a span's converted attributes: first non-empty string among keys, JSON objects
 * that arrive as JSON text, dotted-key groups, and Langfuse's tag formats.
 *
 * @module
 */
import type { AttributeValue } from "./any-value";

/** A span's (or resource's) attributes by key. */
export type Attributes = Record<string, AttributeValue>;

/** The first attribute among `keys` that is a non-empty string (numbers are stringified). */
export function firstString(attrs: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attrs[key];
    if (typeof value === "string" && value.trim() !== "") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** The first attribute among `keys` that is present (not undefined or null). */
export function firstPresent(attrs: Attributes, ...keys: string[]): AttributeValue | undefined {
  for (const key of keys) {
    const value = attrs[key];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** Parses JSON text, returning `undefined` when it is not valid JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A plain object, or its JSON text → the object; anything else → undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  const parsed = typeof value === "string" ? tryParseJson(value) : value;
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

/** A finite number, or a numeric string → number; anything else → undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Every attribute whose key starts with `prefix` + ".", keyed by the rest of the key. */
export function withPrefix(attrs: Attributes, prefix: string): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  const start = `${prefix}.`;
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith(start) && key.length > start.length) out[key.slice(start.length)] = value;
  }
  return out;
}

/**
 * Tags in Langfuse's accepted formats: an array (items stringified), a JSON array string, a
 * comma-separated string, or a single tag.
 */
export function parseTags(value: AttributeValue | undefined): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else if (typeof value === "string") {
    const text = value.trim();
    const parsed = text.startsWith("[") ? tryParseJson(text) : undefined;
    if (Array.isArray(parsed)) list = parsed;
    else if (text.includes(",")) list = text.split(",");
    else list = [text];
  } else list = [value];
  const tags = list
    .filter((item) => item !== null && item !== undefined)
    .map((item) => (typeof item === "string" ? item : JSON.stringify(item)).trim())
    .filter((tag) => tag !== "");
  return tags.length > 0 ? [...new Set(tags)] : undefined;
}

/**
 * Rebuilds flattened keys (`gen_ai.prompt.0.role`, `gen_ai.prompt.0.content`, …) under `prefix` into
 * an array of objects. Returns undefined when no key has the prefix followed by an index.
 */
export function unflattenIndexed(attrs: Attributes, prefix: string): Record<string, AttributeValue>[] | undefined {
  const items: Record<string, AttributeValue>[] = [];
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.(.+)$`);
  for (const [key, value] of Object.entries(attrs)) {
    const match = pattern.exec(key);
    if (!match?.[1] || !match[2]) continue;
    const index = Number(match[1]);
    if (index > 10_000) continue;
    const item = (items[index] ??= {});
    item[match[2]] = value;
  }
  const dense = items.filter((item) => item !== undefined);
  return dense.length > 0 ? dense : undefined;
}
