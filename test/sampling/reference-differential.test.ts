/**
 * Tracewise's W3C trace-context and consistent-sampling rules against the reference implementations
 * they follow, on generated inputs from a seeded PRNG (a failure prints its seed and case):
 * `@opentelemetry/core` (W3CTraceContextPropagator, TraceState) and `@opentelemetry/sampler-composite`
 * (CompositeSampler over the Composable{Probability,ParentThreshold,AlwaysOn,AlwaysOff} samplers).
 * Each comparison counts its cases, so the counts in the report come from `COUNTS` below.
 */
import { defaultTextMapGetter, ROOT_CONTEXT, SpanKind, trace as otelTrace, type Context } from "@opentelemetry/api";
import { TraceState, W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  createComposableAlwaysOffSampler,
  createComposableAlwaysOnSampler,
  createComposableParentThresholdSampler,
  createComposableProbabilitySampler,
  createCompositeSampler,
} from "@opentelemetry/sampler-composite";
import { afterAll, describe, expect, it } from "vitest";
import { parseTraceparent } from "../../src/core/w3c";
import { Counters } from "../../src/diag/counters";
import { Logger } from "../../src/diag/logger";
import { encodeTh, thresholdFor } from "../../src/sampling/consistent-probability";
import { createHeadDecider } from "../../src/sampling/head-decision";
import { ParentBasedSampler } from "../../src/sampling/parent-based-sampler";
import { ProbabilitySampler } from "../../src/sampling/probability-sampler";
import { extract } from "../../src/sampling/propagation";
import type { Sampler } from "../../src/sampling/sampler";
import { AlwaysOffSampler, AlwaysOnSampler } from "../../src/sampling/static-samplers";
import { formatOt, formatTracestate, parseOt, parseTracestate, setMember } from "../../src/sampling/tracestate";
import { SeededRandom } from "./seeded-random";

const SEED = 20261204;
const COUNTS: Record<string, number> = {};
const propagator = new W3CTraceContextPropagator();
/** Reference `SamplingDecision.RECORD_AND_SAMPLED`. */
const RECORD_AND_SAMPLED = 2;

afterAll(() => {
  // The figures quoted in reports: cases compared per comparison (every one matched, or the test failed).
  console.log(`reference-differential seed ${SEED}: ${JSON.stringify(COUNTS)}`);
});

function count(name: string): void {
  COUNTS[name] = (COUNTS[name] ?? 0) + 1;
}

// ---------- generators ----------

const rng = new SeededRandom(SEED);
const PRINTABLE = " !\"#$%&'()*+-./0123456789:;<>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
const KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";

function traceId(r: SeededRandom): string {
  const roll = r.int(20);
  if (roll === 0) return "0".repeat(32);
  if (roll === 1) return `${r.hex(18)}${r.pick(["00000000000000", "ffffffffffffff", "80000000000000", "7fffffffffffff"])}`;
  return r.hex(32);
}

function rate(r: SeededRandom): number {
  const roll = r.int(10);
  if (roll === 0) return r.pick([0, 1, 0.5, 0.25, 0.1, 0.01, 0.001, 1e-9, 2 ** -56, 2 ** -57, 1 - 2 ** -53, 1 / 3, 2 / 3]);
  if (roll === 1) return r.int(1025) / 1024;
  return r.next();
}

function mutateCase(r: SeededRandom, text: string): string {
  return [...text].map((c) => (r.chance(0.1) ? c.toUpperCase() : c)).join("");
}

function whitespace(r: SeededRandom): string {
  return r.chars(r.pick([0, 0, 0, 1, 1, 2]), " \t\n\r\u00a0");
}

function traceparentHeader(r: SeededRandom): string {
  const version = r.chance(0.8) ? "00" : r.pick(["01", "cc", "ff", "0g", "0", "000"]);
  const tid = r.chance(0.95) ? traceId(r) : r.hex(r.pick([31, 33]));
  const sid = r.chance(0.05) ? "0".repeat(16) : r.hex(r.chance(0.97) ? 16 : 15);
  const flags = r.chance(0.85) ? r.pick(["00", "01"]) : r.pick(["02", "03", "ff", "0x", "1", "09"]);
  let header = `${version}-${tid}-${sid}-${flags}`;
  if (r.chance(0.1)) header += r.pick(["-", "-00", "-what-ever", " -x"]);
  if (r.chance(0.1)) header = mutateCase(r, header);
  if (r.chance(0.2)) header = `${whitespace(r)}${header}${whitespace(r)}`;
  if (r.chance(0.02)) header = header.replaceAll("-", r.pick(["_", " - "]));
  return header;
}

function otValue(r: SeededRandom): string {
  const parts: string[] = [];
  const n = r.int(4);
  for (let i = 0; i < n; i++) {
    const roll = r.int(9);
    if (roll <= 2) parts.push(`th:${r.hex(r.pick([0, 1, 1, 2, 4, 13, 14, 14, 15]))}`);
    else if (roll <= 4) parts.push(`rv:${r.hex(r.pick([13, 14, 14, 14, 15]))}`);
    else if (roll === 5) parts.push(mutateCase(r, r.pick([`th:${r.hex(3)}`, `rv:${r.hex(14)}`])));
    else if (roll === 6) parts.push(r.pick(["th:x", "rv:", "th:", "th:-1", "th:1 ", "TH:8"]));
    else if (roll === 7) parts.push(`${r.chars(1 + r.int(3), "abcxyz")}:${r.chars(r.int(20), "0123456789abcdefXYZ.")}`);
    else parts.push(r.chars(r.int(4), "ab:;"));
  }
  if (r.chance(0.03)) parts.push(`z:${"X".repeat(200 + r.int(60))}`);
  return parts.join(";");
}

function tracestateKey(r: SeededRandom): string {
  const roll = r.int(12);
  if (roll <= 3) return r.pick(["ot", "vendor", "congo", "rojo", "a", "dd"]);
  if (roll <= 6) return `${r.chars(1, "abcdefghijklmnopqrstuvwxyz")}${r.chars(r.int(8), KEY_CHARS)}`;
  if (roll === 7) return `${r.chars(1 + r.int(4), "abc123")}@${r.chars(1, "xyz")}${r.chars(r.int(4), KEY_CHARS)}`;
  if (roll === 8) return mutateCase(r, r.pick(["Ot", "VENDOR", "Congo"]));
  if (roll === 9) return r.pick(["1abc", "_x", "a b", "", "a=", "ä", "@x", "a@", "a@1"]);
  if (roll === 10) return `a${"b".repeat(r.pick([255, 256]))}`;
  return `${r.chars(1 + r.int(3), "abc")}@${"x".repeat(r.pick([14, 15]))}`;
}

function tracestateValue(r: SeededRandom, key: string): string {
  if (key === "ot" && r.chance(0.8)) return otValue(r);
  const roll = r.int(10);
  if (roll <= 5) return r.chars(1 + r.int(16), PRINTABLE);
  if (roll === 6) return r.pick(["", " ", "a ", " a", "a=b", "x,y", "\u00e9", "\t"]);
  if (roll === 7) return "v".repeat(r.pick([255, 256, 257]));
  if (roll === 8) return r.chars(40 + r.int(60), "abcdef0123456789");
  return r.hex(16);
}

function tracestateHeader(r: SeededRandom): string {
  const many = r.chance(0.1);
  const n = many ? 28 + r.int(10) : r.int(6);
  const members: string[] = [];
  for (let i = 0; i < n; i++) {
    const roll = r.int(30);
    if (roll === 0) members.push("");
    else if (roll === 1) members.push(r.pick(["novalue", " ", "=x", "k=v=w"]));
    else {
      const key = many && roll > 3 ? `k${i}` : tracestateKey(r);
      members.push(`${key}=${tracestateValue(r, key)}`);
    }
  }
  return members.map((m) => (r.chance(0.15) ? `${whitespace(r)}${m}${whitespace(r)}` : m)).join(",");
}

type Carrier = Record<string, string | string[]>;

function carrier(r: SeededRandom): Carrier {
  const out: Carrier = {};
  if (r.chance(0.97)) out.traceparent = r.chance(0.05) ? [traceparentHeader(r), traceparentHeader(r)] : traceparentHeader(r);
  if (r.chance(0.85)) out.tracestate = r.chance(0.08) ? [tracestateHeader(r), tracestateHeader(r)] : tracestateHeader(r);
  return out;
}

// ---------- the two sides ----------

/** '' and undefined are the same "no tracestate". */
function norm(text: string | undefined): string | undefined {
  return text === "" ? undefined : text;
}

function referenceExtract(c: Carrier): Context {
  return propagator.extract(ROOT_CONTEXT, c, defaultTextMapGetter);
}

function oursExtract(c: Carrier): ReturnType<typeof parseTraceparent> {
  const headers = extract(c);
  return parseTraceparent(headers.traceparent, headers.tracestate);
}

type Pair = { name: string; reference: () => ReturnType<typeof createCompositeSampler>; ours: () => Sampler };

const PAIRS: ((p: number) => Pair)[] = [
  (p) => ({
    name: "parent-threshold(probability)",
    reference: () => createCompositeSampler(createComposableParentThresholdSampler(createComposableProbabilitySampler(p))),
    ours: () => new ParentBasedSampler({ root: new ProbabilitySampler(p) }),
  }),
  (p) => ({ name: "probability", reference: () => createCompositeSampler(createComposableProbabilitySampler(p)), ours: () => new ProbabilitySampler(p) }),
  () => ({
    name: "parent-threshold(always-on)",
    reference: () => createCompositeSampler(createComposableParentThresholdSampler(createComposableAlwaysOnSampler())),
    ours: () => new ParentBasedSampler({ root: new AlwaysOnSampler() }),
  }),
  () => ({
    name: "parent-threshold(always-off)",
    reference: () => createCompositeSampler(createComposableParentThresholdSampler(createComposableAlwaysOffSampler())),
    ours: () => new ParentBasedSampler({ root: new AlwaysOffSampler() }),
  }),
  () => ({ name: "always-on", reference: () => createCompositeSampler(createComposableAlwaysOnSampler()), ours: () => new AlwaysOnSampler() }),
  () => ({ name: "always-off", reference: () => createCompositeSampler(createComposableAlwaysOffSampler()), ours: () => new AlwaysOffSampler() }),
];

function decide(sampler: Sampler, input: Parameters<ReturnType<typeof createHeadDecider>>[0]): ReturnType<ReturnType<typeof createHeadDecider>> {
  return createHeadDecider({ sampler, logger: new Logger("silent"), counters: new Counters() })(input);
}

// ---------- comparisons ----------

describe("W3C trace context against @opentelemetry/core", () => {
  it("extracts the same parent (ids, sampled flag, tracestate) from 30,000 generated carriers", () => {
    for (let i = 0; i < 30_000; i++) {
      const c = carrier(rng);
      const ref = otelTrace.getSpanContext(referenceExtract(c));
      const ours = oursExtract(c);
      const expected = ref === undefined ? undefined : { traceId: ref.traceId, spanId: ref.spanId, sampled: (ref.traceFlags & 1) === 1, tracestate: norm(ref.traceState?.serialize()) };
      const actual = ours === undefined ? undefined : { traceId: ours.traceId, spanId: ours.spanId, sampled: ours.sampled, tracestate: norm(formatTracestate(parseTracestate(ours.tracestate))) };
      expect(actual, `seed ${SEED} case ${i}: ${JSON.stringify(c)}`).toEqual(expected);
      count(ref === undefined ? "carriers without a valid parent" : "carriers with a valid parent");
    }
  });

  it("parses tracestate headers and sets a member exactly as TraceState does on 30,000 generated headers", () => {
    for (let i = 0; i < 30_000; i++) {
      const header = tracestateHeader(rng);
      const key = rng.chance(0.7) ? "ot" : tracestateKey(rng);
      const value = tracestateValue(rng, key);
      const ref = new TraceState(header);
      const ours = parseTracestate(header);
      expect(formatTracestate(ours), `seed ${SEED} case ${i}: ${JSON.stringify(header)}`).toBe(ref.serialize());
      expect(ours.members.get(key), `seed ${SEED} case ${i}`).toBe(ref.get(key));
      expect(formatTracestate(setMember(ours, key, value)), `seed ${SEED} case ${i}: set ${key}=${JSON.stringify(value)} on ${JSON.stringify(header)}`).toBe(ref.set(key, value).serialize());
      count("tracestate headers parsed and set");
    }
  });

  it("keeps all 32 vendor members and adds our own in front when it fits, as TraceState.set does", () => {
    const header = Array.from({ length: 32 }, (_, i) => `v${i}=x`).join(",");
    const ours = formatTracestate(setMember(parseTracestate(header), "ot", "th:8"));
    expect(ours).toBe(new TraceState(header).set("ot", "th:8").serialize());
    expect(ours.split(",")).toHaveLength(33);
    expect(ours.endsWith(",v31=x")).toBe(true);
  });
});

describe("consistent sampling against @opentelemetry/sampler-composite", () => {
  it("computes the same threshold as ComposableProbabilitySampler for 20,000 generated rates", () => {
    for (let i = 0; i < 20_000; i++) {
      const p = rate(rng);
      const described = /threshold=([^,]+),/.exec(createComposableProbabilitySampler(p).toString())?.[1];
      const threshold = thresholdFor(p);
      expect(threshold === undefined ? "max" : encodeTh(threshold), `seed ${SEED} case ${i}: p=${p}`).toBe(described);
      count("rates");
    }
  });

  it("decides and writes tracestate the same for 60,000 generated (carrier, sampler, rate) cases", () => {
    for (let i = 0; i < 60_000; i++) {
      const c = rng.chance(0.1) ? {} : carrier(rng);
      const p = rate(rng);
      const pair = rng.pick(PAIRS)(p);
      const parentContext = referenceExtract(c);
      const parent = oursExtract(c);
      const id = parent?.traceId ?? traceId(rng);
      if (id === "0".repeat(32)) continue;
      const ref = pair.reference().shouldSample(parentContext, id, "t", SpanKind.INTERNAL, {}, []);
      const ours = decide(pair.ours(), { traceId: id, name: "t", ...(parent === undefined ? {} : { parent }) });
      expect({ sampled: ours.sampled, tracestate: norm(ours.tracestate) }, `seed ${SEED} case ${i}: ${pair.name} p=${p} ${JSON.stringify(c)}`).toEqual({
        sampled: Number(ref.decision) === RECORD_AND_SAMPLED,
        tracestate: norm(ref.traceState?.serialize()),
      });
      count(parent === undefined ? "decisions without a parent" : "decisions with a remote parent");
    }
  });

  // The cases of sampler-composite's own suite (test/sampler.test.ts, "ConsistentSampler"): trace id
  // 00112233445566778800000000000000, a parent with the given flag and `ot` sub-keys; expected decision,
  // th and rv. Run on both sides: the reference confirms the table, Tracewise must match it.
  const ID = "00112233445566778800000000000000";
  const SUITE: { name: string; reference: () => ReturnType<typeof createCompositeSampler>; ours: () => Sampler; sampled: boolean; parentOt?: string; expect: { sampled: boolean; th?: string; rv?: string } }[] = [
    { name: "min threshold no parent random value", reference: () => createCompositeSampler(createComposableAlwaysOnSampler()), ours: () => new AlwaysOnSampler(), sampled: true, expect: { sampled: true, th: "00000000000000" } },
    { name: "min threshold with parent random value", reference: () => createCompositeSampler(createComposableAlwaysOnSampler()), ours: () => new AlwaysOnSampler(), sampled: true, parentOt: "rv:7f99aa40c02744", expect: { sampled: true, th: "00000000000000", rv: "7f99aa40c02744" } },
    { name: "max threshold", reference: () => createCompositeSampler(createComposableAlwaysOffSampler()), ours: () => new AlwaysOffSampler(), sampled: true, expect: { sampled: false } },
    {
      name: "parent based in consistent mode",
      reference: () => createCompositeSampler(createComposableParentThresholdSampler(createComposableAlwaysOnSampler())),
      ours: () => new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      sampled: false,
      parentOt: "th:7f99aa40c02744;rv:7f99aa40c02744",
      expect: { sampled: true, th: "7f99aa40c02744", rv: "7f99aa40c02744" },
    },
    {
      name: "parent based in legacy mode",
      reference: () => createCompositeSampler(createComposableParentThresholdSampler(createComposableAlwaysOnSampler())),
      ours: () => new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      sampled: true,
      expect: { sampled: true },
    },
    { name: "half threshold not sampled", reference: () => createCompositeSampler(createComposableProbabilitySampler(0.5)), ours: () => new ProbabilitySampler(0.5), sampled: true, parentOt: "rv:7fffffffffffff", expect: { sampled: false, rv: "7fffffffffffff" } },
    { name: "half threshold sampled", reference: () => createCompositeSampler(createComposableProbabilitySampler(0.5)), ours: () => new ProbabilitySampler(0.5), sampled: false, parentOt: "rv:80000000000000", expect: { sampled: true, th: "80000000000000", rv: "80000000000000" } },
    { name: "parent violating invariant", reference: () => createCompositeSampler(createComposableProbabilitySampler(1)), ours: () => new ProbabilitySampler(1), sampled: false, parentOt: "th:8;rv:80000000000000", expect: { sampled: true, th: "00000000000000", rv: "80000000000000" } },
  ];

  it.each(SUITE)("sampler-composite suite case: $name", (c) => {
    const carrier: Carrier = { traceparent: `00-${ID}-0123456789abcdef-${c.sampled ? "01" : "00"}`, ...(c.parentOt === undefined ? {} : { tracestate: `ot=${c.parentOt}` }) };
    const ref = c.reference().shouldSample(referenceExtract(carrier), ID, "name", SpanKind.INTERNAL, {}, []);
    const refOt = parseOt(ref.traceState?.get("ot"));
    expect({ sampled: Number(ref.decision) === RECORD_AND_SAMPLED, th: refOt.th, rv: refOt.rv }).toEqual({ th: undefined, rv: undefined, ...c.expect });
    const ours = decide(c.ours(), { traceId: ID, name: "name", parent: oursExtract(carrier)! });
    const ot = parseOt(parseTracestate(ours.tracestate).members.get("ot"));
    expect({ sampled: ours.sampled, th: ot.th, rv: ot.rv }).toEqual({ th: undefined, rv: undefined, ...c.expect });
  });

  // sampler-composite's test/tracestate.test.ts round trips of an `ot` value through parse and serialize.
  it.each([
    ["a", "a"], ["#", "#"], ["rv:1234567890abcd", "rv:1234567890abcd"], ["rv:01020304050607", "rv:01020304050607"],
    ["rv:1234567890abcde", ""], ["th:1234567890abcd", "th:1234567890abcd"], ["th:10000000000000", "th:1"],
    ["th:1234500000000", "th:12345"], ["th:0", "th:0"], ["th:100000000000000", ""], ["th:1234567890abcde", ""],
    [`a:${"X".repeat(214)};rv:1234567890abcd;th:1234567890abcd;x:3`, `th:1234567890abcd;rv:1234567890abcd;a:${"X".repeat(214)};x:3`],
    ["th:x", ""], ["th:10", "th:1"], ["th:1", "th:1"], ["th:10000000000001", "th:10000000000001"], ["th:10000000000010", "th:1000000000001"],
    ["rv:x", ""], ["rv:100000000000000", ""], ["rv:10000000000000", "rv:10000000000000"], ["rv:1000000000000", ""],
  ])("ot value %s round-trips to %s (sampler-composite suite)", (input, output) => {
    expect(formatOt(parseOt(input))).toBe(output);
  });
});
