import fs from "node:fs";
import path from "node:path";

// The app's own import graph, read from the sources as text (no bundler): enough to hold the layering
// rules in architecture.test.ts without a dependency-analysis tool.

export const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "components", "lib", "db", "sandbox"];
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;

export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
  dynamic: boolean;
  typeOnly: boolean;
}

const isTest = (f: string) => /\.(test|spec)\.tsx?$/.test(f);

/** Every non-test .ts/.tsx file of the app (relative to the repo root). */
export function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && e.name !== "fixtures") walk(rel);
      } else if (/\.tsx?$/.test(e.name) && !isTest(e.name)) out.push(rel);
    }
  };
  for (const d of SOURCE_DIRS) walk(d);
  return out;
}

/** The file an import names, relative to the root; null for packages and node built-ins. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.join(path.dirname(from), specifier);
  else return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ]) {
    const abs = path.join(ROOT, candidate);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return candidate;
  }
  return base;
}

/** Strips comments so that an example in a comment is not read as an import. */
const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

export function importEdges(files = sourceFiles()): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const src = withoutComments(fs.readFileSync(path.join(ROOT, from), "utf8"));
    for (const m of src.matchAll(IMPORT)) {
      const specifier = m[2] ?? m[3];
      if (!specifier) continue;
      const to = resolve(from, specifier);
      if (to) edges.push({ from, to, specifier, dynamic: m[3] !== undefined, typeOnly: m[1] !== undefined });
    }
  }
  return edges;
}

/**
 * The layer a file belongs to: each folder of lib/ is one (its feature or integration), the files at
 * lib/'s top level are one ("lib/*": configuration, errors, money), and app, components, db and
 * sandbox are one each.
 */
export function folderOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] === "lib") return parts.length > 2 ? `lib/${parts[1]}` : "lib/*";
  return parts[0] ?? file;
}

/** Strongly connected groups of more than one folder: each is a cycle. */
export function folderCycles(edges: ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** The edges inside one cycle, for a failure message that says which files to look at. */
export function edgesWithin(edges: ImportEdge[], group: string[]): string[] {
  const inGroup = new Set(group);
  return edges
    .filter((e) => folderOf(e.from) !== folderOf(e.to) && inGroup.has(folderOf(e.from)) && inGroup.has(folderOf(e.to)))
    .map((e) => `${e.from} → ${e.specifier}`);
}
