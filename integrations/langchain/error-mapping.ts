import type { ObservationLevel } from "tracewise";

/** Longest status message recorded for an error; the error itself is never changed. */
export const MAX_STATUS_MESSAGE_LENGTH = 4_000;

/** The level and status message recorded for a run that failed. */
export interface ErrorFields {
  level: ObservationLevel;
  statusMessage: string;
  /** The provider's HTTP status, error type and code, when the error carries them (as the SDK wrappers record). */
  metadata?: Record<string, unknown>;
}

/**
 * Maps a run's error to `ERROR` with its message. LangGraph's control-flow signals (interrupts and
 * `Command`s bubbling up to a parent graph, flagged `is_bubble_up`) are not failures: they keep the
 * default level and only say what happened.
 */
export function errorFields(error: unknown): ErrorFields {
  const statusMessage = describeError(error).slice(0, MAX_STATUS_MESSAGE_LENGTH);
  if (isControlFlow(error)) return { level: "DEFAULT", statusMessage };
  const metadata = providerErrorFacts(error);
  return metadata === undefined ? { level: "ERROR", statusMessage } : { level: "ERROR", statusMessage, metadata };
}

/**
 * `errorStatus`, `errorType` and `errorCode` from a provider SDK's error (OpenAI's and Anthropic's
 * `APIError` carry `status`, `type`, `code`), or from its `cause` when LangChain wrapped it.
 */
function providerErrorFacts(error: unknown): Record<string, unknown> | undefined {
  try {
    for (const candidate of [error, (error as { cause?: unknown } | null)?.cause]) {
      if (typeof candidate !== "object" || candidate === null) continue;
      const { status, type, code } = candidate as { status?: unknown; type?: unknown; code?: unknown };
      const facts: Record<string, unknown> = {};
      if (typeof status === "number") facts.errorStatus = status;
      if (typeof type === "string") facts.errorType = type;
      if (typeof code === "string") facts.errorCode = code;
      if (Object.keys(facts).length > 0) return facts;
    }
  } catch {
    // A hostile error object records no facts.
  }
  return undefined;
}

/** `Name: message` for errors, the text itself for strings; never throws on hostile values. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return error.message === "" ? error.name : `${error.name}: ${error.message}`;
    if (typeof error === "string") return error;
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === "string" ? message : String(error);
  } catch {
    return "unknown error";
  }
}

function isControlFlow(error: unknown): boolean {
  try {
    return typeof error === "object" && error !== null && (error as { is_bubble_up?: unknown }).is_bubble_up === true;
  } catch {
    return false;
  }
}
