/**
 * The one sanitizer for text Tracewise prints (its log lines, the console tree, configuration errors).
 * Printed text may hold values from the application or a backend (names, user ids, traceparents,
 * response bodies), so it is made safe for a terminal and a log file:
 *
 * - secrets are redacted: `Basic`/`Bearer` credentials, `Authorization`-like header values, Langfuse
 *   secret keys (`sk-lf-…`) and passwords in URLs;
 * - control characters (ESC, BEL, CR, LF, …), and Unicode line separators and direction overrides,
 *   are shown escaped (`\x1b`, `\n`), so no text can forge a line or drive the terminal;
 * - the result is capped at `maxLength` characters, with a marker saying how much was cut.
 */
export function sanitizeForPrint(text: string, maxLength: number = MAX_PRINTED_FIELD): string {
  // Bound the regex work first; nothing past the cap is printed anyway (the margin keeps a secret
  // that straddles the cap recognisable, so its visible prefix is still redacted).
  const head = text.length > maxLength + REDACTION_MARGIN ? text.slice(0, maxLength + REDACTION_MARGIN) : text;
  const escaped = escapeControl(redactSecrets(head));
  if (escaped.length <= maxLength && head.length === text.length) return escaped;
  return `${escaped.slice(0, maxLength)}…[cut: ${text.length} chars in all]`;
}

/** Default cap on one printed field (a name, an id, a value quoted in a warning). */
export const MAX_PRINTED_FIELD = 200;

/** Cap on one whole log line. */
export const MAX_LOG_LINE = 2_000;

/** Extra characters redacted past a cap, so a secret cut by the cap still matches its pattern. */
const REDACTION_MARGIN = 256;

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  // Values of header-like or option-like keys that name a secret, as `key: value`, `key=value` or JSON.
  [
    /\b(authorization|proxy-authorization|x-api-key|api[-_]?key|secret[-_]?key|password|passwd|(?:access|auth|api|refresh)[-_]?token)(["']?\s*[:=]\s*["']?)((?:Basic|Bearer)\s+)?(?!\[redacted\])[^\s"',;&}]+/gi,
    "$1$2$3[redacted]",
  ],
  // Credentials after an auth scheme, wherever they appear (a 401 body may echo the request headers).
  [/\b(Basic|Bearer)(\s+)(?!\[redacted\])[A-Za-z0-9+/=._~-]{6,}/gi, "$1$2[redacted]"],
  // Langfuse secret keys, alone.
  [/\bsk-lf-[A-Za-z0-9-]+/g, "sk-lf-[redacted]"],
  // Passwords in URLs: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):[^\s/@]*@/gi, "$1:[redacted]@"],
];

/** `text` with the secrets it contains replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidirectional overrides.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with control characters shown as escapes (`\n`, `\x1b`, `\u2028`). */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const named = NAMED_ESCAPES[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * A short, printable description of any value for a warning: strings quoted, objects named by kind,
 * never a full dump; safe for hostile values (a Proxy, a throwing `toString`).
 */
export function describeValue(value: unknown, maxLength = 80): string {
  try {
    switch (typeof value) {
      case "string":
        return `"${sanitizeForPrint(value, maxLength)}"`;
      case "number":
      case "boolean":
      case "undefined":
      case "bigint":
        return String(value);
      case "symbol":
        return "a symbol";
      case "function":
        return "a function";
      default:
        if (value === null) return "null";
        if (Array.isArray(value)) return "an array";
        if (value instanceof Date) return "a Date";
        return "an object";
    }
  } catch {
    return "an unprintable value";
  }
}
