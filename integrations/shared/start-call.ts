import {
  getClient,
  getCurrentObservation,
  type EndObservationOptions,
  type ModelParameters,
  type ObservationHandle,
  type ObservationType,
} from "tracewise";
import type { CallOptions } from "./call-options";
import { definedOnly } from "./read-fields";

/** What a traced call records when it starts. */
export interface CallStart {
  readonly name: string;
  readonly asType: ObservationType;
  readonly input?: unknown;
  readonly model?: string;
  readonly modelParameters?: ModelParameters;
}

/** A call's observation, and whether it is the root of a trace the call started. */
export interface StartedCall {
  readonly observation: ObservationHandle;
  readonly startsTrace: boolean;
}

/**
 * The recording parent of a call: `options.parent`, else the current observation. `null` means the
 * call nests in a trace that records nothing (dropped by sampling), so it must only call through;
 * `undefined` means there is no parent and the call starts its own trace.
 */
export function recordingParent(options: CallOptions): ObservationHandle | null | undefined {
  const given = options.parent;
  const parent = given === undefined ? getCurrentObservation() : "root" in given ? given.root : given;
  if (parent === undefined) return undefined;
  return parent.isRecording ? parent : null;
}

/**
 * Starts a call's observation: a child of the recording parent, or the root of a new trace (with the
 * trace-level `userId`, `sessionId`, `tags` and `metadata` options). `describe` runs only when the
 * call is recorded, so a dropped trace costs one branch. Returns undefined when nothing is recorded;
 * never throws (a failure is reported and the call goes untraced).
 */
export function startCall(options: CallOptions, describe: () => CallStart): StartedCall | undefined {
  try {
    const parent = recordingParent(options);
    if (parent === null) return undefined;
    const call = describe();
    const observed = definedOnly({
      input: call.input,
      model: call.model,
      modelParameters: call.modelParameters,
      metadata: options.metadata,
      promptName: options.promptName,
      promptVersion: options.promptVersion,
    });
    if (parent !== undefined) {
      return { observation: parent.startObservation({ ...observed, name: call.name, asType: call.asType }), startsTrace: false };
    }
    const trace = (options.client ?? getClient()).trace(
      definedOnly({
        name: call.name,
        asType: call.asType,
        input: call.input,
        model: call.model,
        userId: options.userId,
        sessionId: options.sessionId,
        tags: options.tags,
        metadata: options.metadata,
      }),
    );
    const root = trace.root;
    if (!root.isRecording) return undefined;
    root.update(observed);
    return { observation: root, startsTrace: true };
  } catch (error) {
    reportInternal(options, "start", error);
    return undefined;
  }
}

/** Ends a call's observation; the output of a call that started its trace is also the trace's output. */
export function endCall(started: StartedCall, fields: EndObservationOptions): void {
  if (started.startsTrace && fields.output !== undefined) started.observation.updateTrace({ output: fields.output });
  started.observation.end(fields);
}

/** Reports an internal failure of the wrapper to the client's error sink; never throws. */
export function reportInternal(options: CallOptions, where: string, error: unknown): void {
  try {
    (options.client ?? getClient()).tracer.errors.report(`${options.integration ?? "integration"} ${where}`, error);
  } catch {
    // Reporting must never reach the host.
  }
}
