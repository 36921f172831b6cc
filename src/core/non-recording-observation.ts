import type { Counters } from "../diag/counters";
import type { ObservationHandle } from "./observation-handle";
import type { ObservationType } from "./records";
import { randomSpanId } from "./ids";
import { formatTraceparent } from "./w3c";

/**
 * The handle of a trace that sampling dropped (or of a disabled client). It accepts every call and
 * records nothing; children are this same handle, so an observed call under a dropped trace costs
 * no allocation. Ids still exist so that `traceparent` propagates the trace with flag `00`.
 */
export class NonRecordingObservation implements ObservationHandle {
  readonly isRecording = false;
  readonly sampled = false;
  readonly type: ObservationType = "span";
  private spanId: string | undefined;

  /**
   * @param traceId - the dropped trace's id.
   * @param id - the span id of its local root, shared by every handle of the trace; when undefined, a
   *   random one is drawn the first time it is read (most dropped traces never propagate, so this
   *   keeps them off the random pool).
   * @param tracestate - the tracestate to propagate.
   * @param counters - where scores given to a dropped trace are counted (`scores.dropped`).
   */
  constructor(
    readonly traceId: string,
    id: string | undefined,
    readonly tracestate: string | undefined,
    private readonly counters?: Counters,
  ) {
    this.spanId = id;
  }

  /** The span id of the trace's local root (stable once read). */
  get id(): string {
    this.spanId ??= randomSpanId();
    return this.spanId;
  }

  get traceparent(): string {
    return formatTraceparent(this.traceId, this.id, false);
  }

  update(): this {
    return this;
  }

  end(): void {}

  span(): ObservationHandle {
    return this;
  }

  generation(): ObservationHandle {
    return this;
  }

  event(): ObservationHandle {
    return this;
  }

  startObservation(): ObservationHandle {
    return this;
  }

  score(): void {
    this.counters?.add("scores.dropped");
  }

  scoreTrace(): void {
    this.counters?.add("scores.dropped");
  }

  updateTrace(): this {
    return this;
  }
}
