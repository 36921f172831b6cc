import { currentObservation } from "../core/context";
import type { ObservationHandle } from "../core/observation-handle";
import type { TraceHandle } from "../core/trace-handle";

/** Header carriers Tracewise reads and writes: plain objects, Fetch `Headers`, Node's incoming headers. */
export type HeaderCarrier = Record<string, string | string[] | undefined> | Headers;

/** The W3C trace-context headers of a request. */
export interface TraceContextHeaders {
  traceparent?: string;
  tracestate?: string;
}

function isHeaders(carrier: HeaderCarrier): carrier is Headers {
  return typeof (carrier as Headers).get === "function" && typeof (carrier as Headers).set === "function";
}

/**
 * A header's value, as `@opentelemetry/core`'s propagator reads it: of repeated `traceparent` headers
 * the first (joining them would make a malformed one), repeated `tracestate` headers joined with commas.
 */
function read(carrier: HeaderCarrier, name: "traceparent" | "tracestate"): string | undefined {
  if (isHeaders(carrier)) return carrier.get(name) ?? undefined;
  for (const key of Object.keys(carrier)) {
    if (key.toLowerCase() !== name) continue;
    const value: unknown = carrier[key];
    if (Array.isArray(value)) return name === "traceparent" ? stringOrUndefined(value[0]) : value.join(",");
    return stringOrUndefined(value);
  }
  return undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Reads `traceparent` and `tracestate` from incoming headers, ready to spread into `tw.trace()`.
 *
 * @example
 * ```ts
 * const trace = tw.trace({ name: "handle-request", ...extract(req.headers) });
 * ```
 */
export function extract(carrier: HeaderCarrier): TraceContextHeaders {
  const traceparent = read(carrier, "traceparent");
  const tracestate = read(carrier, "tracestate");
  return { ...(traceparent === undefined ? {} : { traceparent }), ...(tracestate === undefined ? {} : { tracestate }) };
}

/**
 * Writes `traceparent` (and `tracestate`) for an outgoing call from `from` (default: the current
 * observation) into `carrier`, and returns it. Outside any trace the carrier is returned unchanged.
 * Dropped traces propagate too, with the sampled flag `00`, so downstream services drop them as well.
 *
 * @example
 * ```ts
 * await fetch(url, { headers: inject({ "content-type": "application/json" }) });
 * ```
 */
export function inject<C extends HeaderCarrier>(carrier: C, from?: ObservationHandle | TraceHandle): C {
  const source = from ?? currentObservation();
  if (source === undefined) return carrier;
  const tracestate = source.tracestate;
  if (isHeaders(carrier)) {
    carrier.set("traceparent", source.traceparent);
    if (tracestate !== undefined) carrier.set("tracestate", tracestate);
  } else {
    const target: Record<string, string | string[] | undefined> = carrier;
    target.traceparent = source.traceparent;
    if (tracestate !== undefined) target.tracestate = tracestate;
  }
  return carrier;
}
