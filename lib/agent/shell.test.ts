import { describe, expect, it } from "vitest";

import { AgentParseError, InvalidArgumentError } from "./errors";
import { parseScriptOutput } from "./protocol";
import { quoteArg, remoteCommand, validatePid, wrapScript } from "./shell";

describe("arguments that reach the remote shell", () => {
  it("accepts only integer PIDs in range", () => {
    expect(validatePid(1234)).toBe(1234);
    for (const bad of [0, -1, 1.5, 5_000_000, "1234", "1; rm -rf /", NaN, null]) {
      expect(() => validatePid(bad)).toThrow(InvalidArgumentError);
    }
  });
  it("quotes validated args and rejects anything with shell syntax", () => {
    expect(quoteArg(42)).toBe("'42'");
    expect(quoteArg("ck-42-abc")).toBe("'ck-42-abc'");
    for (const bad of ["a b", "$(id)", "x'y", "`id`", "a;b", "", "../etc"])
      expect(() => quoteArg(bad)).toThrow(InvalidArgumentError);
  });
  it("builds a fixed command line around bash -s", () => {
    expect(remoteCommand([1234, "op-1"], 30)).toBe(
      "if command -v timeout >/dev/null 2>&1; then exec timeout -k 2 30 bash -s -- '1234' 'op-1'; else exec bash -s -- '1234' 'op-1'; fi",
    );
    expect(wrapScript("echo hi")).toContain('__dumont_main "$@" </dev/null');
  });
});

describe("script output protocol", () => {
  const ok = "motd noise\n@@begin t v1\nk=v w\n@@section s rc=0 ms=3\n| a\n| b\n@@end rc=0\n";
  it("parses kv and sections, ignoring text before @@begin", () => {
    const o = parseScriptOutput(ok, "t");
    expect(o.kv).toEqual({ k: "v w" });
    expect(o.sections).toEqual([{ name: "s", attrs: { rc: "0", ms: "3" }, lines: ["a", "b"] }]);
    expect(o.endRc).toBe(0);
  });
  it("rejects truncated or foreign output with the raw head", () => {
    expect(() => parseScriptOutput("@@begin t v1\nk=v\n", "t")).toThrow(AgentParseError);
    expect(() => parseScriptOutput("bash: line 1: syntax error", "t")).toThrow(/no "@@begin t v1"/);
    expect(() => parseScriptOutput("@@begin t v1\nstray line\n@@end rc=0\n", "t")).toThrow(AgentParseError);
    expect(parseScriptOutput("@@begin t v1\nk=v\n", "t", { partial: true }).ended).toBe(false);
  });
});
