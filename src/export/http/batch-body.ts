/**
 * Request bodies as UTF-8 bytes. A batch's body is only ever read by gzip and the socket, so building
 * it straight into a `Buffer` keeps it off the V8 heap: a joined string of up to `maxBatchBytes` lands
 * in old space and, during a large flush, dozens of them pile up as garbage before a major GC runs
 * (and gzip would copy each one to bytes anyway).
 *
 * @module
 */

/** The fixed text around a body's items: `prefix`, the items joined by commas, `suffix`. */
export interface BodyEnvelope {
  readonly prefix: string;
  readonly suffix: string;
}

/** The body of `texts` (whose UTF-8 lengths are `items[i].bytes`) in `envelope`, as UTF-8 bytes. */
export function joinBody(envelope: BodyEnvelope, items: readonly { readonly bytes: number }[], texts: readonly string[]): Buffer {
  const { prefix, suffix } = envelope;
  let size = Buffer.byteLength(prefix) + Buffer.byteLength(suffix) + Math.max(0, texts.length - 1);
  for (const item of items) size += item.bytes;
  const out = Buffer.allocUnsafe(size);
  let offset = out.write(prefix, 0);
  for (let i = 0; i < texts.length; i++) {
    if (i > 0) offset = out.writeUInt8(0x2c, offset);
    offset += out.write(texts[i] as string, offset);
  }
  offset += out.write(suffix, offset);
  // The sizes are the codec's own counts; should one ever be off, a truncated body must not go out.
  if (offset !== size || items.length !== texts.length) return Buffer.from(prefix + texts.join(",") + suffix);
  return out;
}

/** The item texts of a body built by {@link joinBody}, read back (for a split or a per-item retry). */
export function readBackTexts(envelope: BodyEnvelope, body: Buffer, items: readonly { readonly bytes: number }[]): string[] {
  const texts: string[] = [];
  let offset = Buffer.byteLength(envelope.prefix);
  for (const item of items) {
    texts.push(body.toString("utf8", offset, offset + item.bytes));
    offset += item.bytes + 1;
  }
  return texts;
}
