import type { ErrorSink } from "../diag/error-sink";
import { snapshot } from "./snapshot";
import type { SnapshotLimits } from "./snapshot-limits";

/** Which field a mask is applied to. */
export type MaskField = "input" | "output" | "metadata";

/**
 * A user function that redacts captured data before it leaves the process. It receives a private
 * copy (mutating it is fine) and returns the value to export.
 *
 * @example
 * ```ts
 * const mask: MaskFunction = ({ data }) => JSON.parse(JSON.stringify(data).replace(/sk-[\w-]+/g, "sk-***"));
 * ```
 */
export type MaskFunction = (params: { data: unknown; field: MaskField }) => unknown;

/** What a field becomes when the mask function throws: fail closed, never the unmasked value. */
export const MASK_FAILED_MARKER = "[masked: mask function failed]";

/**
 * Runs `mask` on one captured value and re-snapshots the result (a mask may return anything). A mask
 * that throws turns the field into {@link MASK_FAILED_MARKER} and is reported once.
 */
export function applyMask(
  mask: MaskFunction,
  data: unknown,
  field: MaskField,
  limits: SnapshotLimits,
  errors: ErrorSink,
): unknown {
  if (data === undefined) return undefined;
  try {
    return snapshot(mask({ data, field }), limits);
  } catch (error) {
    errors.report("mask", error);
    return MASK_FAILED_MARKER;
  }
}
