import type { Logger } from "../diag/logger";
import type {
  CostDetails,
  ModelParameters,
  ObservationLevel,
  ObservationRecord,
  ObservationType,
  TraceSnapshot,
  UsageDetails,
} from "./records";
import {
  levelField,
  metadataOf,
  numberField,
  objectField as objectOf,
  optionsObject,
  readField,
  stringField,
  timeField,
  warnInput,
} from "./user-input";

/** What {@link ObservationData.apply} needs: the capture of user values and where to warn. */
export interface FieldSink {
  capture(value: unknown): unknown;
  readonly logger: Logger;
}

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
   * Sets the defined fields of `fields`, given to the public call `call`. User data (input, output,
   * metadata, usage, cost, model parameters) goes through `sink.capture`; metadata merges key by key
   * with earlier metadata. Values of the wrong type are ignored (or coerced) with a warning; a value
   * whose read throws is skipped, so no input makes this throw.
   */
  apply(fields: unknown, sink: FieldSink, call: string): void {
    const logger = sink.logger;
    if (typeof fields !== "object" || fields === null) {
      if (fields !== undefined) optionsObject(fields, call, logger);
      return;
    }
    try {
      for (const key in fields) {
        const value = readField(fields as Record<string, unknown>, key, call, logger);
        if (value === undefined) continue;
        this.applyField(key, value, sink, call);
      }
    } catch {
      // Enumerating the keys threw (a Proxy trap): the fields read so far stay set.
      warnInput(logger, call, "options", fields, "could not be read in full");
    }
  }

  private applyField(key: string, value: unknown, sink: FieldSink, call: string): void {
    const logger = sink.logger;
    switch (key) {
      case "input":
        this.input = sink.capture(value);
        break;
      case "output":
        this.output = sink.capture(value);
        break;
      case "metadata": {
        const metadata = metadataOf(sink.capture(value), call, logger);
        if (metadata !== undefined) this.metadata = { ...this.metadata, ...metadata };
        break;
      }
      case "completionStartTime":
        this.completionStartTime = timeField(value, key, call, logger) ?? this.completionStartTime;
        break;
      case "usageDetails":
        this.usageDetails = (objectOf(sink.capture(value), key, call, logger) as UsageDetails | undefined) ?? this.usageDetails;
        break;
      case "costDetails":
        this.costDetails = (objectOf(sink.capture(value), key, call, logger) as CostDetails | undefined) ?? this.costDetails;
        break;
      case "modelParameters":
        this.modelParameters = (objectOf(sink.capture(value), key, call, logger) as ModelParameters | undefined) ?? this.modelParameters;
        break;
      case "level":
        this.level = levelField(value, call, logger) ?? this.level;
        break;
      case "name":
        this.name = stringField(value, key, call, logger) ?? this.name;
        break;
      case "statusMessage":
        this.statusMessage = stringField(value, key, call, logger) ?? this.statusMessage;
        break;
      case "version":
        this.version = stringField(value, key, call, logger) ?? this.version;
        break;
      case "model":
        this.model = stringField(value, key, call, logger) ?? this.model;
        break;
      case "promptName":
        this.promptName = stringField(value, key, call, logger) ?? this.promptName;
        break;
      case "promptVersion":
        this.promptVersion = numberField(value, key, call, logger) ?? this.promptVersion;
        break;
      default:
        // Keys outside the model are kept (captured, so the record holds no live user object).
        if (!NOT_FIELDS.has(key) && key !== "__proto__") (this.extra ??= {})[key] = sink.capture(value);
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
