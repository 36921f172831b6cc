import { toEpochMs } from "./clock";
import type { ObservationFields } from "./observation-options";
import type {
  CostDetails,
  ModelParameters,
  ObservationLevel,
  ObservationRecord,
  ObservationType,
  TraceSnapshot,
  UsageDetails,
} from "./records";

/** Keys of the start/update/end options that are not record fields. */
const NOT_FIELDS = new Set(["startTime", "endTime", "asType"]);

/**
 * The fields of a live observation, in fixed slots. An observation's fields used to live in one
 * object whose keys were added as they came and which was spread into the record at `end()`; every
 * observation then had its own hidden class, and the spread fell to V8's slow path (about a
 * microsecond per record). Fixed slots keep one shape, and {@link ObservationData.toRecord} writes the
 * record's keys in one order. A field is absent from the record while its slot is `undefined`
 * (`update()` never stores `undefined`).
 */
export class ObservationData {
  name: string;
  level: ObservationLevel = "DEFAULT";
  input: unknown = undefined;
  output: unknown = undefined;
  metadata: Record<string, unknown> | undefined = undefined;
  statusMessage: string | undefined = undefined;
  version: string | undefined = undefined;
  model: string | undefined = undefined;
  modelParameters: ModelParameters | undefined = undefined;
  usageDetails: UsageDetails | undefined = undefined;
  costDetails: CostDetails | undefined = undefined;
  completionStartTime: number | undefined = undefined;
  promptName: string | undefined = undefined;
  promptVersion: number | undefined = undefined;
  /** Keys outside the model that a caller passed anyway; copied to the record as given. */
  extra: Record<string, unknown> | undefined = undefined;

  /**
   * @param id - span id.
   * @param traceId - trace id.
   * @param type - observation type.
   * @param name - initial name.
   * @param parentObservationId - parent span id, if any.
   * @param startTime - epoch milliseconds.
   * @param isLocalRoot - first observation of the trace in this process.
   */
  constructor(
    readonly id: string,
    readonly traceId: string,
    readonly type: ObservationType,
    name: string,
    readonly parentObservationId: string | undefined,
    readonly startTime: number,
    readonly isLocalRoot: boolean,
  ) {
    this.name = name;
  }

  /**
   * Sets the defined fields of `fields`. User data (input, output, metadata, usage, cost, model
   * parameters) goes through `capture`; metadata merges key by key with earlier metadata.
   */
  apply(fields: ObservationFields & { readonly name?: string }, capture: (value: unknown) => unknown): void {
    for (const key in fields) {
      const value = (fields as Record<string, unknown>)[key];
      if (value === undefined) continue;
      switch (key) {
        case "input":
          this.input = capture(value);
          break;
        case "output":
          this.output = capture(value);
          break;
        case "metadata":
          this.metadata = { ...this.metadata, ...(capture(value) as Record<string, unknown>) };
          break;
        case "completionStartTime":
          this.completionStartTime = toEpochMs(value as Date | number);
          break;
        case "usageDetails":
          this.usageDetails = capture(value) as UsageDetails;
          break;
        case "costDetails":
          this.costDetails = capture(value) as CostDetails;
          break;
        case "modelParameters":
          this.modelParameters = capture(value) as ModelParameters;
          break;
        case "name":
        case "level":
        case "statusMessage":
        case "version":
        case "model":
        case "promptName":
        case "promptVersion":
          (this as unknown as Record<string, unknown>)[key] = value;
          break;
        default:
          if (!NOT_FIELDS.has(key)) (this.extra ??= {})[key] = value;
      }
    }
  }

  /** The finished record. */
  toRecord(endTime: number, trace: TraceSnapshot): ObservationRecord {
    const withIo = this.input !== undefined && this.output !== undefined;
    const r = withIo ? this.recordWithIo(endTime, trace) : this.recordHead(endTime, trace);
    if (!withIo) {
      if (this.parentObservationId !== undefined) r.parentObservationId = this.parentObservationId;
      if (this.input !== undefined) r.input = this.input;
      if (this.output !== undefined) r.output = this.output;
    }
    if (this.metadata !== undefined) r.metadata = this.metadata;
    if (this.statusMessage !== undefined) r.statusMessage = this.statusMessage;
    if (this.version !== undefined) r.version = this.version;
    if (this.model !== undefined) r.model = this.model;
    if (this.modelParameters !== undefined) r.modelParameters = this.modelParameters;
    if (this.usageDetails !== undefined) r.usageDetails = this.usageDetails;
    if (this.costDetails !== undefined) r.costDetails = this.costDetails;
    if (this.completionStartTime !== undefined) r.completionStartTime = this.completionStartTime;
    if (this.promptName !== undefined) r.promptName = this.promptName;
    if (this.promptVersion !== undefined) r.promptVersion = this.promptVersion;
    if (this.extra !== undefined) for (const key in this.extra) if (!(key in r)) r[key] = this.extra[key];
    return r as unknown as ObservationRecord;
  }

  /** The keys every record has. */
  private recordHead(endTime: number, trace: TraceSnapshot): Record<string, unknown> {
    const { id, traceId, isLocalRoot, type, name, startTime, level } = this;
    return { kind: "observation", id, traceId, isLocalRoot, type, name, startTime, endTime, level, trace };
  }

  /**
   * The keys of a record with input and output (and its parent, if any): what an observed call's
   * record usually has. One literal keeps them all in the object itself, where adding them one by
   * one moved them to a separate property array, an extra object on every record the exporter
   * holds. Same keys in the same order as {@link ObservationData.recordHead} and the additions after it.
   */
  private recordWithIo(endTime: number, trace: TraceSnapshot): Record<string, unknown> {
    const { id, traceId, isLocalRoot, type, name, startTime, level, parentObservationId, input, output } = this;
    if (parentObservationId === undefined) {
      return { kind: "observation", id, traceId, isLocalRoot, type, name, startTime, endTime, level, trace, input, output };
    }
    return { kind: "observation", id, traceId, isLocalRoot, type, name, startTime, endTime, level, trace, parentObservationId, input, output };
  }
}
