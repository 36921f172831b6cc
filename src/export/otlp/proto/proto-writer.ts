/**
 * A minimal protobuf wire-format writer for the handful of OTLP messages Tracewise sends: varints,
 * 64-bit fixed fields, doubles, UTF-8 strings, hex ids as bytes, and nested messages whose length is
 * patched in when they end (canonical encoding: the shortest varint, the content moved up when the
 * length needs more than one byte).
 *
 * One writer is reused for every record. It writes records one after another into a slab (a large
 * buffer) and {@link ProtoWriter.finish} returns a view of the record's bytes, not a copy: no
 * allocation or copy per record. A slab is never written again once a view of it is out, so views stay
 * valid; when a slab is full the next record starts a new one, and a slab is freed once no view of it
 * is referenced (the batch engine consumes records in order, so slabs die in order).
 *
 * @module
 */

/** Protobuf wire types used here. */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2 } as const;

/** 2^32, to split 64-bit values into two 32-bit halves without BigInt. */
const TWO_32 = 4_294_967_296;

/** The most UTF-8 bytes one UTF-16 code unit becomes (a lone surrogate becomes U+FFFD: 3 bytes). */
const MAX_UTF8_PER_UNIT = 3;

/** Below this many chars a string is copied in JS; from there on one native UTF-8 write is cheaper. */
const SHORT_STRING = 16;

/** Tag of `KeyValue.value` (field 2, length-delimited). */
const KEY_VALUE_VALUE_TAG = 0x12;
/** Tag of `AnyValue.string_value` (field 1, length-delimited). */
const ANY_VALUE_STRING_TAG = 0x0a;
/** Tag of `KeyValue.key` (field 1, length-delimited). */
const KEY_VALUE_KEY_TAG = 0x0a;

/**
 * The byte of each pair of hex digits (either case), indexed by `first char code * 128 + second`;
 * 256 for a pair that is not hex. One lookup per byte of an id.
 */
const HEX_PAIR = ((): Uint16Array => {
  const table = new Uint16Array(128 * 128).fill(256);
  const digits: [string, number][] = [];
  for (let d = 0; d < 16; d++) digits.push([d.toString(16), d], [d.toString(16).toUpperCase(), d]);
  for (const [hi, h] of digits) for (const [lo, l] of digits) table[hi.charCodeAt(0) * 128 + lo.charCodeAt(0)] = h * 16 + l;
  return table;
})();

/** A Buffer with Node's `utf8Write`: UTF-8 without `Buffer#write`'s argument parsing (half its cost on short strings). */
interface Utf8Writable {
  utf8Write(value: string, offset: number): number;
}
/** `Buffer#utf8Write` is not in Node's documentation, so it is used only where it exists. */
const HAS_UTF8_WRITE = typeof (Buffer.prototype as unknown as Partial<Utf8Writable>).utf8Write === "function";

/** Bytes the varint encoding of a non-negative integer below 2^53 takes. */
export function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size += 1;
  }
  return size;
}

/** Writes `value` (a non-negative integer below 2^53) as a varint at `at` in `buf`; returns the offset after it. */
export function putVarint(buf: Uint8Array, at: number, value: number): number {
  while (value >= 128) {
    buf[at++] = (value % 128) | 128;
    value = Math.floor(value / 128);
  }
  buf[at++] = value;
  return at;
}

/**
 * `KeyValue.key` encoded (tag, length, UTF-8 bytes), to pass to {@link ProtoWriter.stringAttribute}
 * and {@link ProtoWriter.raw}: attribute keys are few and fixed, so their bytes are made once.
 */
export function encodeKey(key: string): Uint8Array {
  const utf8 = Buffer.from(key, "utf8");
  const out = new Uint8Array(1 + varintSize(utf8.length) + utf8.length);
  out[0] = KEY_VALUE_KEY_TAG;
  out.set(utf8, putVarint(out, 1, utf8.length));
  return out;
}

/**
 * Bytes before a string attribute's value once its field tag is written: the `KeyValue` length, the
 * encoded key, the value's tag and `AnyValue` length, the string's tag and length.
 */
function stringAttributePrefix(keyBytes: number, valueBytes: number): number {
  const any = 1 + varintSize(valueBytes) + valueBytes;
  const keyValue = keyBytes + 1 + varintSize(any) + any;
  return varintSize(keyValue) + keyBytes + 1 + varintSize(any) + 1 + varintSize(valueBytes);
}

/** Writes protobuf fields into a growing scratch buffer. */
export class ProtoWriter {
  private buf: Buffer;
  /** Where the current record starts in `buf`. */
  private start = 0;
  private pos = 0;

  /** @param slabBytes - size of each slab; a record larger than that gets a slab of its own. */
  constructor(private readonly slabBytes = 256 * 1024) {
    this.buf = Buffer.allocUnsafeSlow(slabBytes);
  }

  /** Bytes of the current record. */
  get length(): number {
    return this.pos - this.start;
  }

  /** Starts a new record, dropping whatever the current one holds. */
  reset(): void {
    this.pos = this.start;
  }

  /** The current record's bytes (a view into the slab, never overwritten); the next record follows it. */
  finish(): Buffer {
    const out = this.buf.subarray(this.start, this.pos);
    this.start = this.pos;
    return out;
  }

  /** Makes room for `extra` more bytes, moving the current record to a new slab when this one is full. */
  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const used = this.pos - this.start;
    const next = Buffer.allocUnsafeSlow(Math.max(this.slabBytes, 2 * (used + extra)));
    this.buf.copy(next, 0, this.start, this.pos);
    this.buf = next;
    this.start = 0;
    this.pos = used;
  }

  /** A non-negative integer below 2^53 as a varint. */
  varint(value: number): void {
    this.ensure(8);
    this.pos = putVarint(this.buf, this.pos, value);
  }

  /** A field tag. */
  tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** An `int64` field (two's complement for negative values, as protobuf's varint int64). */
  int64(field: number, value: number): void {
    this.tag(field, WIRE.varint);
    if (value >= 0) return this.varint(value);
    this.ensure(10);
    let big = BigInt.asUintN(64, BigInt(value));
    while (big >= 128n) {
      this.buf[this.pos++] = Number(big & 127n) | 128;
      big >>= 7n;
    }
    this.buf[this.pos++] = Number(big);
  }

  /** An enum or `bool` field. */
  uint(field: number, value: number): void {
    this.tag(field, WIRE.varint);
    this.varint(value);
  }

  /** A `double` field. */
  double(field: number, value: number): void {
    this.tag(field, WIRE.fixed64);
    this.ensure(8);
    this.pos = this.buf.writeDoubleLE(value, this.pos);
  }

  /**
   * A `fixed64` field holding unix nanoseconds for epoch milliseconds `ms` (fractional, as records keep
   * them): whole milliseconds times 10^6 plus the nanoseconds within the millisecond.
   */
  unixNanosFromMs(field: number, ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) return this.unixNanos(field, 0, 0);
    const whole = Math.floor(ms);
    const sub = Math.round((ms - whole) * 1e6);
    this.unixNanos(field, sub >= 1e6 ? whole + 1 : whole, sub >= 1e6 ? sub - 1e6 : sub);
  }

  /** A `fixed64` field holding unix nanoseconds given as a decimal string (the OTLP/JSON form). */
  unixNanosFromDecimal(field: number, text: string): void {
    const split = text.length - 6;
    const whole = split > 0 ? Number(text.slice(0, split)) : 0;
    const sub = Number(split > 0 ? text.slice(split) : text);
    this.unixNanos(field, Number.isFinite(whole) ? whole : 0, Number.isFinite(sub) ? sub : 0);
  }

  /** `wholeMs`·10^6 + `subNanos` as a `fixed64`, computed exactly in 32-bit halves (no BigInt). */
  private unixNanos(field: number, wholeMs: number, subNanos: number): void {
    this.tag(field, WIRE.fixed64);
    this.ensure(8);
    // wholeMs = hi21·2^21 + lo21, so the value is (hi21·10^6)·2^21 + (lo21·10^6 + subNanos), each exact.
    const hi21 = Math.floor(wholeMs / 2_097_152);
    const lo21 = wholeMs - hi21 * 2_097_152;
    const x = hi21 * 1e6;
    const low = (x % 2048) * 2_097_152 + lo21 * 1e6 + subNanos;
    const lo = low % TWO_32;
    const hi = Math.floor(x / 2048) + Math.floor(low / TWO_32);
    this.buf.writeUInt32LE(lo, this.pos);
    this.buf.writeUInt32LE(hi % TWO_32, this.pos + 4);
    this.pos += 8;
  }

  /** A `string` field (UTF-8; lone surrogates become U+FFFD, as everywhere in Node). */
  string(field: number, value: string): void {
    this.tag(field, WIRE.lengthDelimited);
    const reserved = varintSize(value.length * MAX_UTF8_PER_UNIT);
    this.ensure(reserved + value.length * MAX_UTF8_PER_UNIT);
    const at = this.pos + reserved;
    const bytes = this.utf8At(at, value);
    const size = varintSize(bytes);
    if (size < reserved) this.buf.copyWithin(this.pos + size, at, at + bytes);
    this.pos = putVarint(this.buf, this.pos, bytes) + bytes;
  }

  /**
   * A `KeyValue` in `field` whose value is the `AnyValue` string `value`, with `key` already encoded
   * (see {@link encodeKey}). The value is written once and the three enclosing lengths are computed,
   * not patched: string attributes are most of a span's bytes.
   */
  stringAttribute(field: number, key: Uint8Array, value: string): void {
    const most = value.length * MAX_UTF8_PER_UNIT;
    const reserved = stringAttributePrefix(key.length, most);
    this.tag(field, WIRE.lengthDelimited);
    this.ensure(reserved + most);
    const buf = this.buf;
    const at = this.pos + reserved;
    const bytes = this.utf8At(at, value);
    const prefix = stringAttributePrefix(key.length, bytes);
    if (prefix < reserved) buf.copyWithin(this.pos + prefix, at, at + bytes);
    const any = 1 + varintSize(bytes) + bytes;
    let p = putVarint(buf, this.pos, key.length + 1 + varintSize(any) + any);
    buf.set(key, p);
    p += key.length;
    buf[p++] = KEY_VALUE_VALUE_TAG;
    p = putVarint(buf, p, any);
    buf[p++] = ANY_VALUE_STRING_TAG;
    this.pos = putVarint(buf, p, bytes) + bytes;
  }

  /** Writes `value` as UTF-8 at `at` (room was ensured); returns the byte count. */
  private utf8At(at: number, value: string): number {
    const buf = this.buf;
    // Short strings are copied char by char while they are ASCII: cheaper than a native call.
    if (value.length < SHORT_STRING) {
      let i = 0;
      for (; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) break;
        buf[at + i] = code;
      }
      if (i === value.length) return i;
    }
    return HAS_UTF8_WRITE ? (buf as unknown as Utf8Writable).utf8Write(value, at) : buf.write(value, at, "utf8");
  }

  /** A `bytes` field from lowercase hex (trace and span ids); an id that is not valid hex is zero-filled. */
  hexBytes(field: number, hex: string): void {
    const size = hex.length >> 1;
    this.tag(field, WIRE.lengthDelimited);
    this.varint(size);
    this.ensure(size);
    const buf = this.buf;
    const at = this.pos;
    for (let i = 0; i < size; i++) {
      const a = hex.charCodeAt(2 * i);
      const b = hex.charCodeAt(2 * i + 1);
      const byte = a < 128 && b < 128 ? (HEX_PAIR[a * 128 + b] as number) : 256;
      buf[at + i] = byte === 256 ? 0 : byte;
    }
    this.pos += size;
  }

  /** Already encoded bytes, verbatim. */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Starts a nested message in `field`; pass the result to {@link ProtoWriter.end}. */
  begin(field: number): number {
    return this.open(field, 1);
  }

  /** Ends the nested message started at `begun` (from {@link ProtoWriter.begin}), writing its length before it. */
  end(begun: number): void {
    this.close(begun, 1);
  }

  /**
   * Starts a nested message expected to take 128 to 16,383 bytes (a span): 2 bytes are kept for its
   * length, so ending it moves nothing in the common case. Pass the result to {@link ProtoWriter.endWide}.
   */
  beginWide(field: number): number {
    return this.open(field, 2);
  }

  /** Ends the nested message started at `begun` (from {@link ProtoWriter.beginWide}). */
  endWide(begun: number): void {
    this.close(begun, 2);
  }

  private open(field: number, reserved: number): number {
    this.tag(field, WIRE.lengthDelimited);
    this.ensure(reserved);
    this.pos += reserved;
    // Relative to the record: the record may move to a new slab before the message ends.
    return this.pos - this.start;
  }

  /** Writes the length of the message that starts at `begun` in the `reserved` bytes before it, moving its content when the length takes another size (canonical encoding). */
  private close(begun: number, reserved: number): void {
    const length = this.pos - this.start - begun;
    const size = varintSize(length);
    if (size > reserved) this.ensure(size - reserved);
    const at0 = this.start + begun;
    if (size !== reserved) {
      this.buf.copyWithin(at0 + size - reserved, at0, this.pos);
      this.pos += size - reserved;
    }
    putVarint(this.buf, at0 - reserved, length);
  }
}
