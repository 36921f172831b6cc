import type { ModelParameters, UsageDetails } from "tracewise";

/** What a mapping reads from a finished span: the fields of its observation (before cost and status). */
export interface MappedFields {
  input?: unknown;
  output?: unknown;
  model?: string | undefined;
  modelParameters?: ModelParameters | undefined;
  usageDetails?: UsageDetails | undefined;
  /** Epoch milliseconds. */
  completionStartTime?: number | undefined;
  /** Attributes the mapping made into fields, left out of the metadata. */
  consumed: readonly string[];
  /** Extra metadata (function id, finish reason, …). */
  metadata?: Record<string, unknown>;
}
