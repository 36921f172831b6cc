import { redactSecrets, sanitizeForPrint } from "../diag/sanitize";

/**
 * Thrown at construction when an explicit option is invalid. The message names the option, the value
 * received and what is allowed, e.g. `Invalid Tracewise option "sampleRate": received 1.5; expected a
 * number from 0 to 1.` The value is printed through the log sanitizer: secret keys, credentials and
 * passwords in URLs are redacted, control characters escaped and the length capped.
 */
export class TracewiseConfigError extends Error {
  override readonly name = "TracewiseConfigError";

  /** The value received, with its secrets redacted (a secret option's value is not kept at all). */
  readonly value: unknown;

  /**
   * @param option - the option's name (dotted for nested options).
   * @param value - the value received; redacted here, so a caller may pass it as given.
   * @param expected - what is allowed.
   */
  constructor(
    readonly option: string,
    value: unknown,
    readonly expected: string,
  ) {
    super(`Invalid Tracewise option "${sanitizeForPrint(option)}": received ${describe(option, value)}; expected ${expected}.`);
    this.value = isSecretOption(option) ? "[redacted]" : typeof value === "string" ? redactSecrets(value) : value;
  }
}

/** Options whose value is never printed, even when invalid. */
const SECRET_OPTION = /secret|password|authorization|token|api[-_]?key/i;

function isSecretOption(option: string): boolean {
  return SECRET_OPTION.test(option);
}

function describe(option: string, value: unknown): string {
  if (isSecretOption(option) && value !== undefined) return "[redacted]";
  return sanitizeForPrint(printable(value));
}

function printable(value: unknown): string {
  try {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "function") return "a function";
    if (typeof value === "bigint") return `${value}n`;
    if (value !== null && typeof value === "object") return JSON.stringify(value) ?? "an object";
    return String(value);
  } catch {
    return "an unprintable value";
  }
}
