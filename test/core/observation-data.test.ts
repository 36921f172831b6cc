import { describe, expect, it } from "vitest";
import { ObservationData } from "../../src/core/observation-data";
import { Logger } from "../../src/diag/logger";
import type { TraceSnapshot } from "../../src/core/records";

const TRACE = { id: "0af7651916cd43dd8448eb211c80319c", sampleRate: 1 } as TraceSnapshot;
const SINK = { capture: (value: unknown) => value, logger: new Logger("silent") };
const HEAD = ["kind", "id", "traceId", "isLocalRoot", "type", "name", "startTime", "endTime", "level", "trace"];

function data(parentId: string | undefined): ObservationData {
  return new ObservationData("b7ad6b7169203331", TRACE.id, "span", "step", parentId, 1_000, parentId === undefined);
}

describe("ObservationData.toRecord", () => {
  it("writes the same keys in the same order whichever fields are set", () => {
    const cases: [string | undefined, unknown, unknown, string[]][] = [
      ["00f067aa0ba902b7", "in", "out", [...HEAD, "parentObservationId", "input", "output", "metadata"]],
      [undefined, "in", "out", [...HEAD, "input", "output", "metadata"]],
      ["00f067aa0ba902b7", "in", undefined, [...HEAD, "parentObservationId", "input", "metadata"]],
      ["00f067aa0ba902b7", undefined, "out", [...HEAD, "parentObservationId", "output", "metadata"]],
      [undefined, undefined, undefined, [...HEAD, "metadata"]],
    ];
    for (const [parentId, input, output, keys] of cases) {
      const d = data(parentId);
      d.apply({ input, output, metadata: { k: 1 } }, SINK, "update()");
      const record = d.toRecord(2_000, TRACE);
      expect(Object.keys(record)).toEqual(keys);
      expect(record).toMatchObject({ kind: "observation", startTime: 1_000, endTime: 2_000, trace: TRACE, metadata: { k: 1 } });
      if (input !== undefined) expect(record.input).toBe(input);
      if (output !== undefined) expect(record.output).toBe(output);
    }
  });

  it("omits fields that were never set", () => {
    const record = data(undefined).toRecord(2_000, TRACE);
    expect(record).toStrictEqual({
      kind: "observation",
      id: "b7ad6b7169203331",
      traceId: TRACE.id,
      isLocalRoot: true,
      type: "span",
      name: "step",
      startTime: 1_000,
      endTime: 2_000,
      level: "DEFAULT",
      trace: TRACE,
    });
  });
});
