/** Bounds on what one captured field may hold. */
export interface SnapshotLimits {
  /** Approximate maximum size of one field's JSON, in bytes (UTF-16 code units). @default 1_000_000 */
  readonly maxBytes: number;
  /** Maximum nesting depth; deeper values become a marker. @default 20 */
  readonly maxDepth: number;
}

/** Default per-field cap: 1 MB, well under Langfuse's 9.5 MB span limit even with several fields. */
export const DEFAULT_MAX_FIELD_BYTES = 1_000_000;

/** Default depth cap: deep enough for chat payloads, shallow enough to stop runaway graphs. */
export const DEFAULT_MAX_DEPTH = 20;

/**
 * Most entries copied from one object, array, Map or Set; the rest are counted in a marker. A work
 * bound beside the byte budget: it keeps the cost of capturing a huge collection near what JavaScript
 * itself charges to look at it (one `Object.keys`), rather than a walk over a million entries.
 */
export const MAX_ENTRIES_PER_CONTAINER = 10_000;

/** Most values visited in one captured field, over all its containers, for the same reason. */
export const MAX_NODES = 100_000;

/** The defaults together. */
export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { maxBytes: DEFAULT_MAX_FIELD_BYTES, maxDepth: DEFAULT_MAX_DEPTH };

/** Marker texts, kept in one place so tests and docs name them exactly. */
export const MARKERS = {
  circular: "[Circular]",
  maxDepth: "[MaxDepth]",
  truncated: (omitted: number) => `…[truncated ${omitted} chars]`,
  truncatedItems: (omitted: number) => `[truncated: ${omitted} more items]`,
  truncatedKeys: (omitted: number) => `[truncated: ${omitted} more keys]`,
  thrown: (message: string) => `[Thrown: ${message}]`,
  /** What an observed function's lazy (non-Promise) thenable is recorded as: Tracewise does not run it. */
  thenable: "[Thenable: not awaited by Tracewise]",
} as const;
