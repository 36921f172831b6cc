/**
 * Thrown at construction when an explicit option is invalid. The message names the option, the value
 * received and what is allowed, e.g. `Invalid Tracewise option "sampleRate": received 1.5; expected a
 * number from 0 to 1.`
 */
export class TracewiseConfigError extends Error {
  override readonly name = "TracewiseConfigError";

  /**
   * @param option - the option's name (dotted for nested options).
   * @param value - the value received (secrets are never printed: pass a redacted value).
   * @param expected - what is allowed.
   */
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Invalid Tracewise option "${option}": received ${describe(value)}; expected ${expected}.`);
  }
}

function describe(value: unknown): string {
  try {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "function") return "a function";
    if (typeof value === "bigint") return `${value}n`;
    if (value !== null && typeof value === "object") return JSON.stringify(value)?.slice(0, 200) ?? "an object";
    return String(value);
  } catch {
    return "an unprintable value";
  }
}
