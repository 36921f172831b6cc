/**
 * Observation level and environment normalization, as Langfuse applies them to OTLP spans.
 *
 * @module
 */
import type { ObservationLevel } from "../../core/records";

const LEVEL_ALIASES: Readonly<Record<string, ObservationLevel>> = {
  DEBUG: "DEBUG",
  TRACE: "DEBUG",
  VERBOSE: "DEBUG",
  DEFAULT: "DEFAULT",
  INFO: "DEFAULT",
  LOG: "DEFAULT",
  NOTICE: "DEFAULT",
  OK: "DEFAULT",
  SUCCESS: "DEFAULT",
  WARN: "WARNING",
  WARNING: "WARNING",
  ERROR: "ERROR",
  FATAL: "ERROR",
  CRITICAL: "ERROR",
};

/** OTLP status code for an error; a string enum such as `STATUS_CODE_ERROR` is not recognised (as in Langfuse). */
const STATUS_CODE_ERROR = 2;

/** A level name (any case, with aliases) → level; unknown → undefined. */
export function parseLevel(value: unknown): ObservationLevel | undefined {
  return typeof value === "string" ? LEVEL_ALIASES[value.trim().toUpperCase()] : undefined;
}

/** The explicit level if it parses, else ERROR for status code 2, else DEFAULT. */
export function spanLevel(explicit: unknown, statusCode: number | undefined): ObservationLevel {
  return parseLevel(explicit) ?? (statusCode === STATUS_CODE_ERROR ? "ERROR" : "DEFAULT");
}

/** Rank used to find a trace's worst level (higher is worse). */
export function levelRank(level: ObservationLevel): number {
  return level === "DEBUG" ? 0 : level === "DEFAULT" ? 1 : level === "WARNING" ? 2 : 3;
}

const MAX_ENVIRONMENT_LENGTH = 40;

/** Lowercased, `langfuse-`/`langfuse_` prefixes stripped, ≤ 40 chars, `[a-z0-9-_]` only, else `default`. */
export function normalizeEnvironment(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let env = value.trim().toLowerCase();
  while (/^langfuse[-_]/.test(env)) env = env.slice("langfuse-".length);
  env = env.slice(0, MAX_ENVIRONMENT_LENGTH);
  return /^[a-z0-9_-]+$/.test(env) ? env : "default";
}
