/**
 * The attributes of an observation's OTLP span, in order, written through an {@link AttributeSink}: the
 * one description of the Langfuse mapping (shared/design/LANGFUSE-OTLP.md) that both wire encodings
 * follow, so OTLP/JSON and OTLP protobuf always carry the same attributes in the same order.
 *
 * What many spans share is encoded once by the sink's encoding and cached ({@link AttributeFragments}):
 * the trace attributes and sample rate per trace snapshot, the type and level attributes per pair.
 *
 * @module
 */
import type { ObservationRecord, TraceSnapshot } from "../../core/records";
import type { AttributeSink } from "./attribute-sink";
import { writeGenAiAttributes } from "./gen-ai-attributes";
import { hasGenerationFields, traceAttributes, writeGenerationAttributes } from "./langfuse-span-attributes";
import { jsonText, type OtlpAttribute, stringAttr } from "./otlp-json";
import { sampleRateAttributes } from "./otlp-span";

/** What every span of one trace snapshot carries. */
export interface TraceFragments<F> {
  /** The span's trace state (the trace's, as its sampling decision wrote it), if any. */
  readonly traceState: string | undefined;
  readonly traceAttributes: F;
  readonly sampleRate: F;
}

/** The cached, pre-encoded attributes of one encoding. */
export interface AttributeFragments<F> {
  /** What every span of the record's trace snapshot carries: trace state, trace attributes, sample rate. */
  trace(record: ObservationRecord): TraceFragments<F>;
  /** The type and level attributes. */
  typeLevel(record: ObservationRecord): F;
}

/** Bound on cached type/level pairs (10 types × 4 levels at most). */
const MAX_TYPE_LEVELS = 64;

/** Fragments cached for an encoding whose attribute lists encode with `encode`. */
export function attributeFragments<F>(encode: (attributes: readonly OtlpAttribute[]) => F): AttributeFragments<F> {
  const recent = new RecentFragments<F>();
  const byTypeLevel = new Map<string, Map<string, F>>();
  let cachedPairs = 0;
  return {
    trace(record) {
      const snapshot = record.trace;
      let shared = recent.find(snapshot);
      if (shared === undefined) {
        shared = {
          // The trace's own tracestate: `ot=th` is there only when a consistent decision applied that
          // threshold; a rate without one is not turned into a threshold the decision did not make.
          traceState: snapshot.tracestate,
          traceAttributes: encode(traceAttributes(record)),
          sampleRate: encode(sampleRateAttributes(snapshot.sampleRate)),
        };
        recent.add(snapshot, shared);
      }
      return shared;
    },
    typeLevel(record) {
      let byLevel = byTypeLevel.get(record.type);
      let fragment = byLevel?.get(record.level);
      if (fragment === undefined) {
        fragment = encode([stringAttr("langfuse.observation.type", record.type), stringAttr("langfuse.observation.level", record.level)]);
        if (cachedPairs < MAX_TYPE_LEVELS) {
          if (byLevel === undefined) byTypeLevel.set(record.type, (byLevel = new Map<string, F>()));
          byLevel.set(record.level, fragment);
          cachedPairs += 1;
        }
      }
      return fragment;
    },
  };
}

/** Trace snapshots whose fragments are remembered: the records of a trace mostly come close together. */
const RECENT_TRACES = 8;

/**
 * The fragments of the last {@link RECENT_TRACES} trace snapshots, found by the snapshot or by the
 * fields they are made of (a trace's next snapshot once its root set the output, or another trace with
 * the same user, session, …). A fixed ring rather than a WeakMap keyed by snapshot: snapshots are
 * long-lived, so weak entries were promoted with them and piled up in old space until a major GC.
 */
class RecentFragments<F> {
  private readonly snapshots: (TraceSnapshot | undefined)[] = new Array<TraceSnapshot | undefined>(RECENT_TRACES).fill(undefined);
  private readonly fragments: (TraceFragments<F> | undefined)[] = new Array<TraceFragments<F> | undefined>(RECENT_TRACES).fill(undefined);
  private next = 0;

  find(snapshot: TraceSnapshot): TraceFragments<F> | undefined {
    const snapshots = this.snapshots;
    for (let i = 0; i < RECENT_TRACES; i++) if (snapshots[i] === snapshot) return this.fragments[i];
    for (let i = 0; i < RECENT_TRACES; i++) {
      const other = snapshots[i];
      if (other !== undefined && sameFragmentFields(other, snapshot)) return this.fragments[i];
    }
    return undefined;
  }

  add(snapshot: TraceSnapshot, fragments: TraceFragments<F>): void {
    this.snapshots[this.next] = snapshot;
    this.fragments[this.next] = fragments;
    this.next = (this.next + 1) % RECENT_TRACES;
  }
}

/** True when two trace snapshots give the same {@link TraceFragments} (the fields they are made of are the same). */
export function sameFragmentFields(a: TraceSnapshot, b: TraceSnapshot): boolean {
  return (
    a.sampleRate === b.sampleRate &&
    a.tracestate === b.tracestate &&
    a.userId === b.userId &&
    a.sessionId === b.sessionId &&
    a.tags === b.tags &&
    a.metadata === b.metadata &&
    a.release === b.release &&
    a.environment === b.environment &&
    a.public === b.public
  );
}

/** Status message, version and flat metadata keys of the observation. */
function writeObservationFields<F>(record: ObservationRecord, sink: AttributeSink<F>): void {
  if (record.statusMessage !== undefined) sink.string("langfuse.observation.status_message", record.statusMessage);
  const version = record.version ?? record.trace.version;
  if (version !== undefined) sink.string("langfuse.version", version);
  const metadata = record.metadata;
  if (metadata === undefined) return;
  for (const key of Object.keys(metadata)) {
    const value = metadata[key];
    // A null value is left out: Langfuse would keep the attribute's text, the string "null".
    if (value !== undefined && value !== null) sink.string(`langfuse.observation.metadata.${key}`, jsonText(value));
  }
}

/**
 * Writes the span's attributes: type and level, status message, version, metadata, the observation's
 * input and output (on the local root, the trace's fill in what it lacks: Langfuse's direct path reads
 * the trace's I/O from there), the trace attributes; on the local root the trace's name, input, output
 * (read by the legacy path); model, usage, cost and prompt; the GenAI semantic
 * conventions; the sample rate. A value that is both the observation's and the trace's I/O is
 * stringified once.
 */
export function writeObservationAttributes<F>(record: ObservationRecord, fragments: AttributeFragments<F>, sink: AttributeSink<F>): void {
  const shared = fragments.trace(record);
  sink.fragment(fragments.typeLevel(record));
  writeObservationFields(record, sink);
  const root = record.isLocalRoot;
  const input = record.input ?? (root ? record.trace.input : undefined);
  const output = record.output ?? (root ? record.trace.output : undefined);
  const inputText = input === undefined ? undefined : jsonText(input);
  const outputText = output === undefined ? undefined : jsonText(output);
  if (inputText !== undefined) sink.string("langfuse.observation.input", inputText);
  if (outputText !== undefined) sink.string("langfuse.observation.output", outputText);
  sink.fragment(shared.traceAttributes);
  if (root) {
    const trace = record.trace;
    sink.string("langfuse.trace.name", trace.name ?? record.name);
    const traceInput = trace.input ?? record.input;
    const traceOutput = trace.output ?? record.output;
    if (traceInput !== undefined) sink.string("langfuse.trace.input", traceInput === input && inputText !== undefined ? inputText : jsonText(traceInput));
    if (traceOutput !== undefined) sink.string("langfuse.trace.output", traceOutput === output && outputText !== undefined ? outputText : jsonText(traceOutput));
  }
  if (hasGenerationFields(record)) writeGenerationAttributes(record, sink);
  writeGenAiAttributes(record, sink);
  sink.fragment(shared.sampleRate);
}
