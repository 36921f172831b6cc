import { isSpanContextValid, trace, type Context, type SpanContext } from "@opentelemetry/api";
import type { ObservationHandle } from "tracewise";
import { observationOf, observedCallIn } from "./span-registry";

/** What a span or trace starting in a context nests under: a Tracewise observation or an OpenTelemetry span. */
export type InnermostParent =
  | { readonly observation: ObservationHandle; readonly spanContext?: undefined }
  | { readonly observation?: undefined; readonly spanContext: SpanContext }
  | undefined;

/**
 * The innermost parent in `context`, across both tracers: the active OpenTelemetry span unless an
 * observed call started under it (then that call's observation), a span the bridge knows resolved to
 * its observation, and with neither, `own` (Tracewise's own current observation, which is all there
 * is when no OpenTelemetry context manager is registered).
 */
export function innermostParent(context: Context, own: ObservationHandle | undefined): InnermostParent {
  const span = trace.getSpan(context);
  const call = observedCallIn(context);
  if (span !== undefined && call?.over !== span) {
    const known = observationOf(span);
    if (known !== undefined) return { observation: known };
    // A span started inside an observed call that no processor of ours saw: nest under the call.
    if (call !== undefined) return { observation: call.observation };
    const spanContext = span.spanContext();
    if (isSpanContextValid(spanContext)) return { spanContext };
  }
  if (call !== undefined) return { observation: call.observation };
  return own === undefined ? undefined : { observation: own };
}
