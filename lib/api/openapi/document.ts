import { z } from "zod";
import { apiErrorSchema } from "./error-schema";
import type { ApiOperation } from "./operation";

// The OpenAPI 3.1 document, built from the operations the features declare. Schemas come from zod
// (z.toJSONSchema): request bodies and query strings as input (what a client may send), response
// bodies as output. A schema with a meta id ("Machine", "Error") becomes one entry of
// components.schemas, referenced wherever it is used.

type Json = Record<string, unknown>;

const COMPONENTS = "#/components/schemas/";

const INFO = {
  title: "DumontCloud API",
  version: "1",
  description:
    "GPU machines across clouds, with cuda-checkpoint state and spending. Money: integer micro-dollars (1 USD = 1,000,000).",
};
const SECURITY_SCHEMES = {
  bearer: { type: "http", scheme: "bearer", description: "A personal API token from Settings → API tokens (dcl_…)" },
};

/** Drops what zod adds for validation but a reader does not need: ±2^53 bounds on every integer, the date-time regex beside format, and (responses are not parsed) "no other properties". */
function tidy(io: "input" | "output") {
  return ({ jsonSchema: s }: { jsonSchema: Json }) => {
    if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
    if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
    if (s.format === "date-time") delete s.pattern;
    if (io === "output" && s.additionalProperties === false) delete s.additionalProperties;
    if (JSON.stringify(s.propertyNames) === '{"type":"string"}') delete s.propertyNames;
  };
}

/** Points $defs references at components.schemas, everywhere in `v`. */
function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        k === "$ref" && typeof x === "string" ? x.replace(/^#\/\$defs\//, COMPONENTS) : rewriteRefs(x),
      ]),
    );
  }
  return v;
}

class SchemaSet {
  readonly components: Record<string, Json> = {};

  /** The JSON Schema of `schema`; the named schemas in it are added to the components. */
  convert(schema: z.core.$ZodType, io: "input" | "output"): Json {
    const out = z.toJSONSchema(schema, { io, unrepresentable: "any", override: tidy(io) }) as Json;
    const defs = (out.$defs ?? {}) as Record<string, Json>;
    delete out.$defs;
    delete out.$schema;
    for (const [id, def] of Object.entries(defs)) {
      const json = rewriteRefs(def) as Json;
      const seen = this.components[id];
      if (seen && JSON.stringify(seen) !== JSON.stringify(json))
        throw new Error(
          `OpenAPI: schema "${id}" comes out differently in two places (used as a request and as a response?)`,
        );
      this.components[id] = json;
    }
    return rewriteRefs(out) as Json;
  }
}

function parameters(op: ApiOperation, schemas: SchemaSet): Json[] {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const declared = Object.keys(op.pathParams?.shape ?? {});
  if (names.join() !== declared.join())
    throw new Error(
      `OpenAPI: ${op.method.toUpperCase()} ${op.path} declares path parameters [${declared}], its path has [${names}]`,
    );
  const out: Json[] = [];
  for (const [where, obj] of [
    ["path", op.pathParams],
    ["query", op.query],
  ] as const) {
    if (!obj) continue;
    const js = schemas.convert(obj, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, { description, ...schema }] of Object.entries(js.properties ?? {})) {
      const required = where === "path" || (js.required ?? []).includes(name);
      out.push({
        name,
        in: where,
        ...(required ? { required: true } : {}),
        schema,
        ...(description ? { description } : {}),
      });
    }
  }
  return out;
}

function operation(op: ApiOperation, schemas: SchemaSet): Json {
  const responses: Record<string, Json> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    const content: Json = {};
    if (r.json) content["application/json"] = { schema: schemas.convert(r.json, "output") };
    if (r.csv) content["text/csv"] = { schema: { type: "string" } };
    responses[status] = { description: r.description, ...(Object.keys(content).length ? { content } : {}) };
  }
  for (const e of op.errors ?? []) {
    const { status, description } = typeof e === "number" ? { status: e, description: "Error" } : e;
    responses[String(status)] = {
      description,
      content: { "application/json": { schema: { $ref: `${COMPONENTS}Error` } } },
    };
  }
  const params = parameters(op, schemas);
  return {
    ...(op.public ? {} : { security: [{ bearer: [] }] }),
    summary: op.summary,
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schemas.convert(op.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/** The document for `operations`, in their order; two operations on the same method and path are an error. */
export function buildOpenApiDocument(operations: readonly ApiOperation[]) {
  const schemas = new SchemaSet();
  schemas.convert(apiErrorSchema, "output");
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`OpenAPI: ${op.method.toUpperCase()} ${op.path} is declared twice`);
    item[op.method] = operation(op, schemas);
  }
  return {
    openapi: "3.1.0",
    info: INFO,
    servers: [{ url: "/api/v1" }],
    components: { securitySchemes: SECURITY_SCHEMES, schemas: schemas.components },
    paths,
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
