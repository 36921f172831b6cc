/**
 * The protobuf writer against protobufjs's reader: varints at every length boundary, negative
 * int64s, doubles, nanosecond timestamps computed without BigInt (checked against BigInt for random
 * and edge times), and nested messages whose length needs 1, 2 or 3 bytes.
 */
import protobuf from "protobufjs/light";
import { describe, expect, it } from "vitest";
import { encodeKey, ProtoWriter, varintSize } from "../../../../src/export/otlp/proto/proto-writer";

const { Reader, Writer } = protobuf;

/** Strings around every length where the writer changes strategy (16 chars, 1- and 2-byte lengths), ASCII and not. */
function boundaryStrings(): string[] {
  const out: string[] = [];
  for (const n of [0, 1, 15, 16, 17, 42, 43, 44, 100, 127, 128, 129, 5_000, 16_383, 16_384, 70_000]) {
    out.push("a".repeat(n), `${"b".repeat(Math.max(0, n - 1))}é`, "😀".repeat(Math.ceil(n / 2)), `${"c".repeat(n)}ü${"d".repeat(n)}`);
  }
  return out;
}

/** A 64-bit integer read by protobufjs (a number, or a Long when it does not fit one) as decimal text. */
function longText(value: unknown): string {
  return typeof value === "number" ? String(value) : (value as { toString(): string }).toString();
}

describe("ProtoWriter", () => {
  it("writes varints of every size and says their size", () => {
    const values = [0, 1, 127, 128, 16_383, 16_384, 2 ** 21 - 1, 2 ** 21, 2 ** 28, 2 ** 35 + 3, Number.MAX_SAFE_INTEGER];
    const w = new ProtoWriter(4);
    for (const value of values) w.varint(value);
    const reader = Reader.create(w.finish());
    for (const value of values) {
      const start = reader.pos;
      expect(longText(reader.uint64())).toBe(String(value));
      expect(reader.pos - start).toBe(varintSize(value));
    }
  });

  it("writes int64 (negative ones as 10-byte two's complement), doubles and strings", () => {
    const w = new ProtoWriter(8);
    w.int64(3, -7);
    w.int64(3, 42);
    w.double(4, 0.1);
    w.double(4, -1e300);
    w.string(1, "é😀 plain");
    w.string(1, "ü".repeat(100));
    const r = Reader.create(w.finish());
    expect(r.uint32()).toBe((3 << 3) | 0);
    expect(longText(r.int64())).toBe("-7");
    expect(r.uint32()).toBe((3 << 3) | 0);
    expect(longText(r.int64())).toBe("42");
    expect(r.uint32()).toBe((4 << 3) | 1);
    expect(r.double()).toBe(0.1);
    r.uint32();
    expect(r.double()).toBe(-1e300);
    expect(r.uint32()).toBe((1 << 3) | 2);
    expect(r.string()).toBe("é😀 plain");
    r.uint32();
    expect(r.string()).toBe("ü".repeat(100));
    expect(r.pos).toBe(r.len);
  });

  it("computes unix nanoseconds exactly, as BigInt arithmetic does", () => {
    const cases = [0, 1.5, 1_767_225_600_000.25, 2_000_000_000_000 + 0.999, 1_795_425_647_318 + 0.873047, 4_102_444_800_000 + 0.001];
    for (let i = 0; i < 2_000; i++) cases.push(Math.random() * 4e12);
    const w = new ProtoWriter(16);
    for (const ms of cases) {
      w.reset();
      w.unixNanosFromMs(7, ms);
      const bytes = w.finish();
      const whole = Math.floor(ms);
      let sub = Math.round((ms - whole) * 1e6);
      let wholeBig = BigInt(whole);
      if (sub >= 1e6) {
        wholeBig += 1n;
        sub -= 1e6;
      }
      expect(bytes[0]).toBe((7 << 3) | 1);
      expect(bytes.readBigUInt64LE(1)).toBe(wholeBig * 1_000_000n + BigInt(sub));
      w.reset();
      const decimal = (wholeBig * 1_000_000n + BigInt(sub)).toString();
      w.unixNanosFromDecimal(7, decimal);
      expect(w.finish().readBigUInt64LE(1).toString()).toBe(decimal);
    }
  });

  it("patches nested lengths of 1, 2 and 3 bytes, nested inside each other", () => {
    for (const size of [0, 126, 127, 128, 16_383, 16_384, 200_000]) {
      const w = new ProtoWriter(16);
      const outer = w.begin(2);
      const inner = w.begin(1);
      w.string(5, "a".repeat(size));
      w.end(inner);
      w.uint(6, 1);
      w.end(outer);
      const r = Reader.create(w.finish());
      expect(r.uint32()).toBe((2 << 3) | 2);
      const outerLength = r.uint32();
      expect(r.len - r.pos).toBe(outerLength);
      expect(r.uint32()).toBe((1 << 3) | 2);
      const innerLength = r.uint32();
      const innerEnd = r.pos + innerLength;
      expect(r.uint32()).toBe((5 << 3) | 2);
      expect(r.string()).toBe("a".repeat(size));
      expect(r.pos).toBe(innerEnd);
      expect(r.uint32()).toBe((6 << 3) | 0);
      expect(r.uint32()).toBe(1);
      expect(r.pos).toBe(r.len);
    }
  });

  it("writes strings and string attributes byte for byte as protobufjs does (canonical lengths)", () => {
    const key = "langfuse.observation.input";
    const w = new ProtoWriter(32);
    for (const value of boundaryStrings()) {
      w.reset();
      w.string(5, value);
      expect(Buffer.from(w.finish()).equals(Buffer.from(Writer.create().uint32((5 << 3) | 2).string(value).finish()))).toBe(true);
      w.reset();
      w.stringAttribute(9, encodeKey(key), value);
      const expected = Writer.create().uint32((9 << 3) | 2).fork().uint32(10).string(key).uint32(18).fork().uint32(10).string(value).ldelim().ldelim().finish();
      expect(Buffer.from(w.finish()).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it("writes a lone surrogate as U+FFFD, as Node's UTF-8 encoder does", () => {
    for (const value of ["a\ud800b", `${"x".repeat(50)}\udc00`, "\ud83d".repeat(60)]) {
      const w = new ProtoWriter(16);
      w.stringAttribute(9, encodeKey("k"), value);
      const r = Reader.create(w.finish());
      r.uint32();
      r.uint32();
      r.uint32();
      expect(r.string()).toBe("k");
      r.uint32();
      r.uint32();
      r.uint32();
      expect(r.string()).toBe(Buffer.from(value, "utf8").toString("utf8"));
      expect(r.pos).toBe(r.len);
    }
  });

  it("ends wide messages (2 bytes kept for the length) canonically at every length size", () => {
    for (const size of [0, 120, 125, 126, 127, 128, 16_380, 16_381, 16_384, 200_000]) {
      const w = new ProtoWriter(16);
      const outer = w.beginWide(2);
      w.string(5, "a".repeat(size));
      w.uint(6, 1);
      w.endWide(outer);
      const expected = Writer.create().uint32((2 << 3) | 2).fork().uint32((5 << 3) | 2).string("a".repeat(size)).uint32(6 << 3).uint32(1).ldelim().finish();
      expect(Buffer.from(w.finish()).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it("returns each record as a view that later records never overwrite, across slabs", () => {
    const w = new ProtoWriter(64);
    const records: { bytes: Buffer; text: string }[] = [];
    for (let i = 0; i < 200; i++) {
      const text = `record ${i} `.repeat(i % 7 === 0 ? 20 : 1);
      w.reset();
      const message = w.begin(1);
      w.string(2, text);
      w.end(message);
      records.push({ bytes: w.finish(), text });
    }
    for (const { bytes, text } of records) {
      const r = Reader.create(bytes);
      expect(r.uint32()).toBe((1 << 3) | 2);
      const length = r.uint32();
      expect(r.len - r.pos).toBe(length);
      r.uint32();
      expect(r.string()).toBe(text);
    }
  });

  it("writes hex ids as bytes and zero-fills an id that is not hex", () => {
    const w = new ProtoWriter(4);
    w.hexBytes(1, "0af7651916cd43dd8448eb211c80319c");
    w.hexBytes(2, "zz");
    w.hexBytes(3, "0aZ1");
    const r = Reader.create(w.finish());
    r.uint32();
    expect(Buffer.from(r.bytes()).toString("hex")).toBe("0af7651916cd43dd8448eb211c80319c");
    r.uint32();
    expect(Buffer.from(r.bytes()).toString("hex")).toBe("00");
    r.uint32();
    expect(Buffer.from(r.bytes()).toString("hex")).toBe("0a00");
  });
});
