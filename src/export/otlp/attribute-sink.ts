/**
 * Where an observation's span attributes are written: one wire encoding (OTLP/JSON text, OTLP protobuf
 * bytes). `observation-attributes.ts` describes the attributes once and writes them through a sink, so
 * both encodings carry the same attributes in the same order without building attribute objects.
 *
 * @module
 */
import type { OtlpAttribute } from "./otlp-json";

/** One encoding of attributes; `F` is its pre-encoded fragment type. */
export interface AttributeSink<F> {
  /** Attributes encoded earlier (see `attributeFragments`). */
  fragment(fragment: F): void;
  /** A string attribute. */
  string(key: string, value: string): void;
  /** An integer attribute (`value` truncated toward zero). */
  int(key: string, value: number): void;
  /** A double attribute; a non-finite value is written as its string (OTLP/JSON has no NaN). */
  double(key: string, value: number): void;
  /** A boolean attribute. */
  bool(key: string, value: boolean): void;
  /** Attributes of any value type (arrays), built as objects: for the rare ones. */
  list(attributes: readonly OtlpAttribute[]): void;
}
