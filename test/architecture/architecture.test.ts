import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { edgesWithin, folderCycles, importEdges, ROOT, sourceFiles } from "./import-graph";

// The layering the code keeps, checked on every run so that it does not drift: which folder may import
// which, where lazy import() is allowed, which module reads the environment, and that comments cite
// nothing outside the repo. ARCHITECTURE.md explains each rule.

const edges = importEdges();

/** Features whose public face is their index.ts (and, for forms, their server actions; for start-up, their workers). */
const FEATURES = ["machines", "checkpoints", "spending", "settings", "hibernate"];
const PUBLIC_ENTRY = /^(index|workers|[a-z-]*actions)\.tsx?$/;

describe("architecture", () => {
  it("has no import cycle between folders", () => {
    const cycles = folderCycles(edges);
    expect(cycles.map((c) => ({ cycle: c.join(" ⇄ "), edges: edgesWithin(edges, c).slice(0, 12) }))).toEqual([]);
  });

  it("loads modules lazily only at start-up, for the optional database driver, and for client-side code splitting", () => {
    const allowed = (file: string) =>
      file.startsWith(`lib${path.sep}server${path.sep}`) ||
      file.startsWith(`lib${path.sep}cli${path.sep}`) ||
      file === path.join("db", "index.ts") ||
      file.startsWith(`components${path.sep}`);
    expect(
      edges.filter((e) => e.dynamic && !allowed(e.from)).map((e) => `${e.from} → import("${e.specifier}")`),
    ).toEqual([]);
  });

  it("reaches each feature from outside only through its index (or its server actions and workers)", () => {
    const deep = edges.filter((e) => {
      const [top, feature, ...rest] = e.to.split(path.sep);
      if (top !== "lib" || !feature || !FEATURES.includes(feature) || rest.length === 0) return false;
      if (e.from.startsWith(path.join("lib", feature) + path.sep)) return false;
      return !(rest.length === 1 && PUBLIC_ENTRY.test(rest[0] ?? ""));
    });
    expect(deep.map((e) => `${e.from} → ${e.specifier}`)).toEqual([]);
  });

  it("reads process.env only in lib/env.ts (the command-line entry points aside)", () => {
    const readers = sourceFiles().filter((f) => {
      if (
        f === path.join("lib", "env.ts") ||
        f.startsWith(`lib${path.sep}cli${path.sep}`) ||
        f.startsWith(`sandbox${path.sep}`)
      )
        return false;
      return /process\.env\b/.test(fs.readFileSync(path.join(ROOT, f), "utf8"));
    });
    expect(readers).toEqual([]);
  });

  it("cites no document outside the repo in a comment", () => {
    const outside =
      /DESIGN(\.md)?\s*§|reference\s*§|(^|[^/\w])reference\/[a-z-]+\.md|style-anchors|peers\.md|\.\.\/shared\/(seed|reference|DESIGN|hooks)/;
    const dirs = ["app", "components", "lib", "db", "sandbox", "test", "bench", "e2e"];
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) walk(rel);
        else if (/\.(tsx?|sql|css)$/.test(e.name) && !rel.endsWith(path.join("architecture", "architecture.test.ts"))) {
          fs.readFileSync(path.join(ROOT, rel), "utf8")
            .split("\n")
            .forEach((line, i) => {
              if (outside.test(line)) hits.push(`${rel}:${i + 1}`);
            });
        }
      }
    };
    for (const d of dirs) walk(d);
    expect(hits).toEqual([]);
  });
});
