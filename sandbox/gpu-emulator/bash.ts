/**
 * Tagged template for bash text kept in TypeScript. Raw (no escape processing) and with no
 * interpolation; `@{` is written where bash wants `${`, so the text never fights JS templates.
 */
export function bash(strings: TemplateStringsArray): string {
  if (strings.length !== 1) throw new Error("bash`` scripts take no interpolations");
  return String.raw(strings).replaceAll("@{", "${").replace(/^\n/, "");
}
