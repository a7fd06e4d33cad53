import { redirect } from "next/navigation";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { formAction, publicFormAction, runAction } from "./run-action";

// The wrapper alone: who is signed in, start-up and page refreshes are stood in for.
const session = vi.hoisted(() => ({
  user: { id: "u1", email: "u1@example.com" } as { id: string; email: string } | null,
  revalidated: [] as string[],
}));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async (returnTo?: string) => {
    if (!session.user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
    return session.user!;
  },
}));
vi.mock("@/lib/server/boot", () => ({ boot: async () => undefined }));
vi.mock("next/cache", () => ({
  revalidatePath: (p: string, type?: string) => session.revalidated.push(type ? `${type}:${p}` : p),
}));

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const GENERIC = "Something went wrong on our side. Nothing was changed; try again in a moment.";

beforeEach(() => {
  session.user = { id: "u1", email: "u1@example.com" };
  session.revalidated = [];
});
afterEach(() => vi.restoreAllMocks());

describe("runAction", () => {
  it("runs the service with the user's id and refreshes the pages", async () => {
    expect(await runAction("t", async (userId) => ({ userId }), { revalidate: ["/a", { layout: "/" }] })).toEqual({
      ok: true,
      data: { userId: "u1" },
    });
    expect(session.revalidated).toEqual(["/a", "layout:/"]);
  });

  it("answers a domain error with its message and fields, anything else generically with the details in the log only", async () => {
    expect(
      await runAction("t", async () => Promise.reject(new DomainError("invalid", "Fix it.", { name: "Too long." }))),
    ).toEqual({ ok: false, error: "Fix it.", fieldErrors: { name: "Too long." } });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await runAction("ctx", async () => Promise.reject(new Error("password=hunter2 in a stack")));
    expect(r).toEqual({ ok: false, error: GENERIC });
    expect(log).toHaveBeenCalledWith("[ctx]", "password=hunter2 in a stack");
  });

  it("lets the redirect to sign-in through when nobody is signed in", async () => {
    session.user = null;
    await expect(runAction("t", async () => 1, { returnTo: "/settings" })).rejects.toMatchObject({
      digest: expect.stringContaining("/sign-in?callbackUrl=%2Fsettings"),
    });
  });
});

describe("formAction", () => {
  const schema = z.object({ name: z.string().trim().min(1, "Name it."), secret: z.string() });

  it("parses the form with the schema and hands the parsed data to the service", async () => {
    const run = vi.fn(async (input: { name: string; secret: string }, userId: string) => ({
      data: { ...input, userId },
      message: "Saved.",
    }));
    const action = formAction({ context: "t", schema, run });
    expect(await action(null, form({ name: "  box ", secret: "s" }))).toEqual({
      ok: true,
      data: { name: "box", secret: "s", userId: "u1" },
      message: "Saved.",
    });
  });

  it("refuses a form that fails its schema with a message per field and what was typed, before any user is needed", async () => {
    session.user = null;
    const run = vi.fn(async () => ({}));
    const action = formAction({ context: "t", schema, echo: ({ name }) => ({ name }), run });
    expect(await action(null, form({ name: " ", secret: "s" }))).toEqual({
      ok: false,
      error: "Some fields need attention.",
      fieldErrors: { name: "Name it." },
      values: { name: " " },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("maps the service's refusals one way, echoing the fields (all of them unless told otherwise)", async () => {
    const action = formAction({
      context: "t",
      fields: ["a", "b"],
      revalidate: ["/p"],
      run: async () => {
        throw new DomainError("conflict", "Taken.", { a: "Taken." });
      },
    });
    expect(await action(null, form({ a: "1" }))).toEqual({
      ok: false,
      error: "Taken.",
      fieldErrors: { a: "Taken." },
      values: { a: "1", b: "" },
    });
    // A refusal can mean the page is stale (a record deleted elsewhere): it is refreshed too.
    expect(session.revalidated).toEqual(["/p"]);
  });

  it("answers an unexpected failure generically and refreshes nothing", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const action = formAction({
      context: "t",
      fields: ["a"],
      revalidate: ["/p"],
      run: async () => Promise.reject(new TypeError("boom")),
    });
    expect(await action(null, form({ a: "1" }))).toEqual({ ok: false, error: GENERIC, values: { a: "1" } });
    expect(session.revalidated).toEqual([]);
  });
});

describe("publicFormAction", () => {
  it("needs nobody signed in, and lets a redirect thrown inside the service reach Next", async () => {
    session.user = null;
    const action = publicFormAction({
      context: "t",
      fields: ["to"],
      run: async ({ to }) => redirect(to),
    });
    await expect(action(null, form({ to: "/machines" }))).rejects.toMatchObject({
      digest: expect.stringContaining("/machines"),
    });
  });
});
