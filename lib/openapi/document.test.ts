import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET } from "@/app/api/v1/openapi.json/route";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { API_OPERATIONS } from "./operations";

const API_DIR = path.resolve(__dirname, "../../app/api/v1");

/** "GET /machines/{id}" for each handler exported by each route file under app/api/v1. */
function routeOperations(): string[] {
  const out: string[] = [];
  for (const file of fs.readdirSync(API_DIR, { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "route.ts") continue;
    const route = `/${path.dirname(file).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
    const src = fs.readFileSync(path.join(API_DIR, file), "utf8");
    for (const m of src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
      out.push(`${m[1]} ${route}`);
  }
  return out.sort();
}

const doc = buildOpenApiDocument(API_OPERATIONS);

function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) refs(x, out);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) k === "$ref" && typeof x === "string" ? out.push(x) : refs(x, out);
  return out;
}

describe("the OpenAPI document", () => {
  it("has an operation for every route handler under app/api/v1, and none without one", () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(routeOperations().length).toBeGreaterThan(20);
    expect(documented).toEqual(routeOperations());
  });

  it("resolves every $ref to a component schema", () => {
    const names = new Set(Object.keys(doc.components.schemas).map((n) => `#/components/schemas/${n}`));
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((r) => !names.has(r))).toEqual([]);
  });

  it("gives every operation a summary, a success status and a description for each status; signed-in ones say how", () => {
    for (const [p, item] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(item) as [
        string,
        { summary: string; responses: Record<string, { description: string }>; security?: unknown },
      ][]) {
        expect(op.summary, `${m} ${p}`).toBeTruthy();
        expect(
          Object.keys(op.responses).some((s) => s.startsWith("2")),
          `${m} ${p}`,
        ).toBe(true);
        for (const r of Object.values(op.responses)) expect(r.description, `${m} ${p}`).toBeTruthy();
        const isPublic = API_OPERATIONS.find((o) => o.method === m && o.path === p)?.public;
        expect(op.security, `${m} ${p}`).toEqual(isPublic ? undefined : [{ bearer: [] }]);
      }
  });

  it("is served by GET /api/v1/openapi.json", async () => {
    expect(await GET().json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it("refuses a path parameter the path does not have, and an operation declared twice", () => {
    const op = {
      method: "get",
      path: "/things/{id}",
      summary: "A thing",
      responses: { 200: { description: "OK" } },
    } as const;
    expect(() => buildOpenApiDocument([op])).toThrow(/path parameters/);
    const withId = { ...op, pathParams: z.object({ id: z.string() }) };
    expect(() => buildOpenApiDocument([withId, withId])).toThrow(/declared twice/);
  });
});
