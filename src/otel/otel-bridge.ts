import { context, createContextKey, trace, type Context, type Span } from "@opentelemetry/api";
import { getClient, type ObservationHandle } from "tracewise";
import { setExternalContext, type ExternalContext, type ExternalParent } from "../core/external-context";
import { innermostParent } from "./innermost-parent";
import { hasSpanProcessor, isStandIn, markStandIn, OBSERVED_CALL_KEY, observationOf } from "./span-registry";

/** How Tracewise shares trace identity with the app's OpenTelemetry. */
export interface OtelBridgeOptions {
  /**
   * When an OpenTelemetry span is active (a Sentry or APM request span, say) and no Tracewise
   * observation is, a new Tracewise trace continues it: same trace id, that span as parent.
   * @default true
   */
  continueOtelTraces?: boolean;
  /**
   * Which decision samples a Tracewise trace that continues a local OpenTelemetry span. `false`:
   * Tracewise's own sampler decides alone, so an APM that keeps 10 % of requests does not drop 90 %
   * of LLM traces. `true`: the span's sampled flag decides (Tracewise keeps exactly the traces the APM
   * keeps). A remote parent (extracted from incoming headers) is always followed, as `traceparent` is.
   * @default false
   */
  followOtelSampling?: boolean;
  /**
   * Tracewise always nests the spans started inside an observed call (HTTP, database, the AI SDK)
   * under that call in its own traces. With `true`, a kept observed call that runs with no
   * OpenTelemetry span active also becomes their OpenTelemetry parent: they share its trace id, and
   * parent-based samplers keep them. Leave it off when an APM (Sentry, Datadog, …) exports the same
   * spans: it would receive spans whose parent it never sees. Under an active span the call never
   * replaces it either way.
   * @default false
   */
  nestOtelSpans?: boolean;
}

/**
 * Shares trace identity between Tracewise and the app's OpenTelemetry (`@opentelemetry/api`'s global
 * context): a new Tracewise trace continues the active span, and spans started inside observed calls
 * nest under them. The span processor installs it; call this alone when you only want the identity
 * shared. Calling it again replaces the options. Costs one property read per observed call when not
 * installed.
 *
 * @example
 * ```ts
 * import { installOtelBridge } from "tracewise/otel";
 * installOtelBridge({ followOtelSampling: false });
 * ```
 */
export function installOtelBridge(options: OtelBridgeOptions = {}): void {
  setExternalContext(createBridge(options.continueOtelTraces ?? true, options.followOtelSampling ?? false, options.nestOtelSpans ?? false));
}

/** Removes the bridge: Tracewise keeps its own context only. */
export function uninstallOtelBridge(): void {
  setExternalContext(undefined);
}

/**
 * The context key with which OpenTelemetry's `suppressTracing()` (in `@opentelemetry/core`) turns
 * instrumentations off; context keys are `Symbol.for(description)`, so this is the same key.
 */
const SUPPRESS_TRACING_KEY = createContextKey("OpenTelemetry SDK Context Key SUPPRESS_TRACING");

function createBridge(continueTraces: boolean, followSampling: boolean, nest: boolean): ExternalContext {
  return {
    current(own) {
      try {
        return innermostParent(context.active(), own)?.observation ?? own;
      } catch (error) {
        report("otel context", error);
        return own;
      }
    },
    parent(): ExternalParent | undefined {
      if (!continueTraces) return undefined;
      try {
        const span = trace.getSpan(context.active());
        if (span === undefined || observationOf(span) !== undefined) return undefined;
        const sc = span.spanContext();
        if (!trace.isSpanContextValid(sc)) return undefined;
        const tracestate = sc.traceState?.serialize();
        const parent = { traceId: sc.traceId, spanId: sc.spanId, sampled: (sc.traceFlags & 1) === 1 };
        return { parent: tracestate ? { ...parent, tracestate } : parent, followSampling: sc.isRemote === true || followSampling };
      } catch (error) {
        report("otel parent", error);
        return undefined;
      }
    },
    run(observation, fn) {
      let next: Context | undefined;
      try {
        const active = context.active();
        const span = trace.getSpan(active);
        if (nest && observation.isRecording && (span === undefined || isStandIn(span))) next = trace.setSpan(active, standInFor(observation));
        // Under a span, the mark orders observed calls among the spans our processor takes in; with no
        // span active (or no processor), Tracewise's own context says which call is current.
        else if (span !== undefined && hasSpanProcessor()) next = active.setValue(OBSERVED_CALL_KEY, { observation, over: span });
      } catch (error) {
        report("otel context", error);
      }
      return next === undefined ? fn() : context.with(next, fn);
    },
    untraced(fn) {
      let suppressed: Context;
      try {
        suppressed = context.active().setValue(SUPPRESS_TRACING_KEY, true);
      } catch (error) {
        report("otel context", error);
        return fn();
      }
      return context.with(suppressed, fn);
    },
  };
}

/** A non-recording span carrying a kept observation's ids and sampled flag, known to the registry. */
function standInFor(observation: ObservationHandle): Span {
  const span = trace.wrapSpanContext({ traceId: observation.traceId, spanId: observation.id, traceFlags: 1 });
  markStandIn(span, observation);
  return span;
}

/** Reports a bridge failure to the global client's error sink; never throws. */
export function report(where: string, error: unknown): void {
  try {
    getClient().tracer.errors.report(where, error);
  } catch {
    // Nothing more can be done without risking the caller.
  }
}
