/**
 * Makes a single oversize record fit a batch: its largest fields (input, output, metadata, …) are
 * replaced by a prefix of their JSON text followed by a marker, largest first, until the encoded
 * record fits. The record itself is never mutated.
 *
 * @module
 */
import type { ExportRecord } from "../../core/records";
import { type ItemData, itemBytes } from "./batch-body";

/** Appended to every truncated field; the number is the field's original size in UTF-8 bytes. */
export const TRUNCATION_MARKER = "…[truncated by tracewise: original size";

/** Fields that may be truncated, as paths into a record. Trace-level fields live under `trace`. */
const CANDIDATE_PATHS: readonly (readonly string[])[] = [
  ["input"],
  ["output"],
  ["metadata"],
  ["trace", "input"],
  ["trace", "output"],
  ["trace", "metadata"],
  ["statusMessage"],
  ["modelParameters"],
  ["comment"],
];

/** Rounds of truncation at most; each round shrinks the largest remaining field. */
const MAX_ROUNDS = 12;

/** The marker text for a field of `originalBytes`. */
export function truncationMarker(originalBytes: number): string {
  return `${TRUNCATION_MARKER} ${originalBytes} bytes]`;
}

/**
 * Returns `record` unchanged when `encode(record)` fits `maxBytes`, otherwise a copy with its largest
 * fields truncated so that it fits, or `undefined` when even that is not enough. `bytes` is the byte
 * length of `data` (so callers need not measure it again).
 */
export function fitRecord<R extends ExportRecord, D extends ItemData>(
  record: R,
  encode: (record: R) => D,
  maxBytes: number,
): { readonly record: R; readonly data: D; readonly bytes: number; readonly truncated: boolean } | undefined {
  let current = record;
  let data = encode(current);
  let bytes = itemBytes(data);
  if (bytes <= maxBytes) return { record, data, bytes, truncated: false };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const largest = largestField(current);
    if (largest === undefined) return undefined;
    const excess = bytes - maxBytes;
    // Keep a prefix, but never more than needed: non-ASCII text can take 3 bytes per character.
    const keepChars = largest.marked ? 0 : Math.max(0, largest.text.length - excess - 128);
    const replacement = `${largest.text.slice(0, Math.floor(keepChars))}${truncationMarker(largest.bytes)}`;
    current = withField(current, largest.path, replacement);
    data = encode(current);
    bytes = itemBytes(data);
    if (bytes <= maxBytes) return { record: current, data, bytes, truncated: true };
  }
  return undefined;
}

interface Field {
  readonly path: readonly string[];
  readonly text: string;
  readonly bytes: number;
  readonly marked: boolean;
}

function largestField(record: ExportRecord): Field | undefined {
  let best: Field | undefined;
  for (const path of CANDIDATE_PATHS) {
    const value = getPath(record, path);
    if (value === undefined) continue;
    const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
    const bytes = Buffer.byteLength(text);
    const marked = typeof value === "string" && value.includes(TRUNCATION_MARKER);
    // A field already cut to its marker cannot shrink further.
    if (marked && text.length < 100) continue;
    if (best === undefined || bytes > best.bytes) best = { path, text, bytes, marked };
  }
  return best;
}

function getPath(record: ExportRecord, path: readonly string[]): unknown {
  let node: unknown = record;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function withField<R extends ExportRecord>(record: R, path: readonly string[], value: string): R {
  const [head, ...rest] = path;
  if (head === undefined) return record;
  if (rest.length === 0) return { ...record, [head]: value };
  const child = (record as unknown as Record<string, Record<string, unknown>>)[head] ?? {};
  return { ...record, [head]: { ...child, [rest[0] ?? ""]: value } };
}
