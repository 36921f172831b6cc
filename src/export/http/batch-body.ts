/**
 * Request bodies as bytes. A batch's body is only ever read by gzip and the socket, so building it
 * straight into a `Buffer` keeps it off the V8 heap: a joined string of up to `maxBatchBytes` lands in
 * old space and, during a large flush, dozens of them pile up as garbage before a major GC runs (and
 * gzip would copy each one to bytes anyway).
 *
 * A body is an {@link BodyEnvelope}'s prefix, the items (JSON texts or protobuf bytes) with the
 * envelope's separator between them, and its suffix. The prefix may depend on the items' total size
 * (a protobuf message starts with its length).
 *
 * @module
 */

/** One encoded item as the engine holds it: JSON text, or bytes (protobuf). */
export type ItemData = string | Uint8Array;

/** The bytes around a body's items and between them. */
export interface BodyEnvelope {
  /** Written between two items: `,` in a JSON array, nothing in protobuf. ASCII. */
  readonly separator: string;
  /** An upper bound of the prefix and suffix bytes together, for any content size. */
  readonly maxBytes: number;
  /** The prefix and suffix for items that take `contentBytes` (separators included). */
  frame(contentBytes: number): { readonly prefix: Uint8Array; readonly suffix: Uint8Array };
}

/** A fixed text envelope: `prefix`, the items joined by `separator` (a comma by default), `suffix`. */
export function textEnvelope(prefix: string, suffix: string, separator = ","): BodyEnvelope {
  const framed = { prefix: Buffer.from(prefix), suffix: Buffer.from(suffix) };
  return { separator, maxBytes: framed.prefix.length + framed.suffix.length, frame: () => framed };
}

/** UTF-8 length of an item. */
export function itemBytes(data: ItemData): number {
  return typeof data === "string" ? Buffer.byteLength(data) : data.length;
}

/** Bytes the items and their separators take. */
function contentBytes(envelope: BodyEnvelope, items: readonly { readonly bytes: number }[]): number {
  let size = envelope.separator.length * Math.max(0, items.length - 1);
  for (const item of items) size += item.bytes;
  return size;
}

/** The body of `data` (whose byte lengths are `items[i].bytes`) in `envelope`. */
export function joinBody(envelope: BodyEnvelope, items: readonly { readonly bytes: number }[], data: readonly ItemData[]): Buffer {
  const content = contentBytes(envelope, items);
  const { prefix, suffix } = envelope.frame(content);
  const size = prefix.length + content + suffix.length;
  const out = Buffer.allocUnsafe(size);
  out.set(prefix, 0);
  let offset = prefix.length;
  for (let i = 0; i < data.length; i++) {
    if (i > 0 && envelope.separator !== "") offset += out.write(envelope.separator, offset, "latin1");
    const part = data[i] as ItemData;
    if (typeof part === "string") offset += out.write(part, offset);
    else {
      out.set(part, offset);
      offset += part.length;
    }
  }
  out.set(suffix, offset);
  offset += suffix.length;
  // The sizes are the codec's own counts; should one ever be off, a malformed body must not go out.
  if (offset !== size || items.length !== data.length) throw new Error(`batch body size mismatch: wrote ${offset} of ${size} bytes`);
  return out;
}
