import { toCostDetails } from "./cost-details";
import type { CapturedResult, EndpointCapture, StreamAccumulator } from "./endpoint-capture";
import type { CallOptions } from "./call-options";
import { asNumber, asRecord, asString, definedOnly, errorMessage, nowMs } from "./read-fields";
import { endCall, reportInternal, type StartedCall } from "./start-call";
import type { StreamEnd, StreamObserver } from "./traced-stream";

/**
 * The level of a stream that did not complete, the same in every integration: aborted (the request was
 * cancelled) is ERROR, as a failed call; abandoned (the reader stopped early; the output is partial)
 * is WARNING. Both keep `metadata.streamEnd`.
 */
const INCOMPLETE_STREAM = {
  aborted: { level: "ERROR", statusMessage: "stream aborted before its end" },
  abandoned: { level: "WARNING", statusMessage: "stream left by the reader before its end" },
} as const;

/**
 * Records the outcome of one traced call on its observation: the result of a plain call, the chunks
 * of a streamed one, or the error. Every method is safe: a failure inside is reported and never
 * reaches the caller.
 */
export class CallRecorder implements StreamObserver {
  private accumulator: StreamAccumulator | undefined;
  private completionStartTime: number | undefined;
  private ended = false;

  /**
   * @param started - the call's observation.
   * @param capture - how the endpoint's results are read.
   * @param options - the wrapper's options (prices, error reporting).
   * @param requestedModel - the model the request named.
   */
  constructor(
    private readonly started: StartedCall,
    private readonly capture: EndpointCapture,
    private readonly options: CallOptions,
    private readonly requestedModel: string | undefined,
  ) {}

  /** Records a plain call's result and ends the observation. */
  onResult(value: unknown): void {
    this.guard("result", () => this.finish(this.read("result", () => this.capture.result(value))));
  }

  /** Ends the observation of a call whose raw `Response` the caller took (`asResponse()`): no output. */
  onRawResponse(): void {
    this.guard("raw response", () => this.finish({ metadata: { rawResponse: true } }));
  }

  /** Ends the observation at level ERROR with the error's message (the SDK error itself is re-thrown by the caller). */
  onError(error: unknown): void {
    this.guard("error", () => {
      const e = asRecord(error);
      const metadata = definedOnly({ errorStatus: asNumber(e?.status), errorCode: asString(e?.code), errorType: asString(e?.type) });
      const partial = this.read("stream result", () => this.accumulator?.result() ?? {});
      this.finish({ ...partial, level: "ERROR", statusMessage: errorMessage(error), metadata: { ...partial.metadata, ...metadata } });
    });
  }

  onChunk(chunk: unknown): void {
    this.guard("stream chunk", () => {
      this.accumulator ??= this.capture.accumulator();
      if (this.accumulator.push(chunk) && this.completionStartTime === undefined) this.completionStartTime = nowMs();
    });
  }

  onStreamEnd(end: StreamEnd): void {
    this.guard("stream end", () => {
      const result = this.read("stream result", () => this.accumulator?.result() ?? {});
      this.finish(end === "completed" ? result : { ...result, ...INCOMPLETE_STREAM[end], metadata: { ...result.metadata, streamEnd: end } });
    });
  }

  private finish(result: CapturedResult): void {
    if (this.ended) return;
    this.ended = true;
    const requested = this.requestedModel;
    const metadata = { ...result.metadata, ...(result.model !== undefined && requested !== undefined && result.model !== requested ? { requestedModel: requested } : {}) };
    endCall(
      this.started,
      definedOnly({
        output: result.output,
        model: result.model,
        usageDetails: result.usageDetails,
        costDetails: toCostDetails(result.usageDetails, this.options.pricesPerMillionTokens, [result.model, requested]),
        completionStartTime: this.completionStartTime,
        level: result.level,
        statusMessage: result.statusMessage,
        metadata: Object.keys(metadata).length === 0 ? undefined : metadata,
      }),
    );
  }

  /** Reads a result; on failure reports it and yields an empty result, so the observation still ends. */
  private read(where: string, fn: () => CapturedResult): CapturedResult {
    try {
      return fn();
    } catch (error) {
      reportInternal(this.options, where, error);
      return {};
    }
  }

  private guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      reportInternal(this.options, where, error);
    }
  }
}
