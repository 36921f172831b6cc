import type { Logger } from "../diag/logger";

/** Environment variables as a plain map; injectable for tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The first non-empty value among `names`. */
export function envString(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}

/**
 * A number in [min, max] from the first set variable among `names`; a value that does not parse is
 * logged once and ignored (as OpenTelemetry specifies for environment variables).
 */
export function envNumber(env: Env, logger: Logger, range: { min: number; max: number }, ...names: string[]): number | undefined {
  for (const name of names) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (Number.isFinite(value) && value >= range.min && value <= range.max) return value;
    logger.once("warn", `env:${name}`, `ignoring ${name}="${raw}": expected a number from ${range.min} to ${range.max}`);
  }
  return undefined;
}

/** A boolean from the first set variable (`true`/`false`, `1`/`0`, case-insensitive); others warn once and are ignored. */
export function envBoolean(env: Env, logger: Logger, ...names: string[]): boolean | undefined {
  for (const name of names) {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === "") continue;
    if (raw === "true" || raw === "1") return true;
    if (raw === "false" || raw === "0") return false;
    logger.once("warn", `env:${name}`, `ignoring ${name}="${env[name] ?? ""}": expected true or false`);
  }
  return undefined;
}

/** One of `allowed` (case-insensitive) from the first set variable; others warn once and are ignored. */
export function envEnum<T extends string>(env: Env, logger: Logger, allowed: readonly T[], ...names: string[]): T | undefined {
  for (const name of names) {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === "") continue;
    const match = allowed.find((a) => a === raw);
    if (match !== undefined) return match;
    logger.once("warn", `env:${name}`, `ignoring ${name}="${env[name] ?? ""}": expected one of ${allowed.join(", ")}`);
  }
  return undefined;
}

/** `process.env`, or an empty map where there is no process (edge runtimes). */
export function processEnv(): Env {
  return typeof process === "undefined" ? {} : process.env;
}
