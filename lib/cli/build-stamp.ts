import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// What a production build depends on. A change to any of these makes `npm start` rebuild, so a user
// who pulls new code never serves an old build. `sandbox` is in the server bundle: sandbox mode starts it.
const INPUTS = [
  "app",
  "components",
  "lib",
  "db",
  "sandbox",
  "public",
  "package-lock.json",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "proxy.ts",
  "instrumentation.ts",
];
const SKIP = /(^|\/)(node_modules|\.next|cli)(\/|$)|\.test\.tsx?$/;

function walk(p: string, out: string[]) {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return;
  }
  if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e), out);
  else if (!SKIP.test(p)) out.push(`${p}:${st.size}:${st.mtimeMs}`);
}

export function sourceStamp(root = process.cwd()): string {
  const lines: string[] = [];
  for (const i of INPUTS) walk(path.join(root, i), lines);
  return crypto
    .createHash("sha256")
    .update(lines.map((l) => path.relative(root, l)).join("\n"))
    .digest("hex")
    .slice(0, 16);
}

const stampFile = (root: string) => path.join(root, ".next", "dumont-build-stamp");

export function buildIsCurrent(root = process.cwd()): boolean {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(stampFile(root), "utf8") === sourceStamp(root);
  } catch {
    return false;
  }
}

export function writeStamp(root = process.cwd(), stamp = sourceStamp(root)) {
  fs.writeFileSync(stampFile(root), stamp);
}
