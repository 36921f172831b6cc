/**
 * Turns Langfuse's OpenAPI 3.0 component schemas into one JSON Schema (draft 2019-09) for Ajv:
 * - `$ref: '#/components/schemas/X'` → `#/$defs/X`;
 * - `nullable: true` → `null` added to `type` (and to `enum`), or `anyOf: [schema, {type: null}]` for a
 *   `$ref`/untyped schema, since a `$ref`'s siblings are otherwise ignored in OpenAPI 3.0;
 * - OpenAPI-only keywords (`example`, `discriminator`, `x-…`) removed;
 * - Fern's undiscriminated unions (`oneOf` whose branches overlap, e.g. MapValue's `integer` and
 *   `number`, both nullable) become `anyOf`: Fern and the server's zod unions take the first match, and
 *   strict `oneOf` would reject `256` or `null` for matching two branches. `IngestionEvent` keeps
 *   `oneOf`: its branches are told apart by `type`, so every event must match exactly one.
 * - the `body` of every event schema gets `unevaluatedProperties: false` (next to its `$ref`, which
 *   draft 2019-09 allows), so a field the body schema, with its `allOf` parents, does not define fails
 *   validation instead of being silently ignored by the server.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { parse } from "yaml";

/** Langfuse's OpenAPI spec, in `../shared/reference/` next to the repository (the root is three folders up from here). */
export const OPENAPI_PATH = resolve(import.meta.dirname, "../../..", "../shared/reference/langfuse/openapi.yml");

const KEEP_ONE_OF = new Set(["IngestionEvent"]);

type Json = Record<string, unknown>;

function convert(node: unknown, name?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item));
  if (typeof node !== "object" || node === null) return node;
  const source = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === "nullable" || key === "example" || key === "discriminator" || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") out.$ref = value.replace("#/components/schemas/", "#/$defs/");
    else if (key === "properties") out.properties = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, convert(v)]));
    else if (key === "oneOf" && !KEEP_ONE_OF.has(name ?? "")) out.anyOf = convert(value);
    else out[key] = convert(value);
  }
  if (source.nullable !== true) return out;
  if (typeof out.type === "string" && out.$ref === undefined) {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  if (Object.keys(out).length === 0) return out; // `{ nullable: true }` alone already accepts anything
  return { anyOf: [out, { type: "null" }] };
}

/** Ajv with every Langfuse component schema registered under `langfuse#/$defs/<Name>`. */
export function langfuseAjv(): Ajv2019 {
  const doc = parse(readFileSync(OPENAPI_PATH, "utf8"), { maxAliasCount: -1 }) as { components: { schemas: Json } };
  const defs: Json = {};
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const converted = convert(schema, name) as Json;
    const body = (converted.properties as Json | undefined)?.body as Json | undefined;
    if (name.endsWith("Event") && body?.$ref !== undefined) {
      converted.properties = { ...(converted.properties as Json), body: { ...body, unevaluatedProperties: false } };
    }
    defs[name] = converted;
  }
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const format of ["int32", "int64", "float", "double"]) ajv.addFormat(format, { type: "number", validate: () => true });
  ajv.addSchema({ $id: "langfuse", $defs: defs });
  return ajv;
}
