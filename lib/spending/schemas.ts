import { z } from "zod";
import { BUDGET_ACTIONS } from "@/db/schema/spending";
import { MICROS_PER_USD, microsToUsd } from "@/lib/money";
import { MAX_BUDGET_MICROS } from "./budget-rules";

// Forms send dollars as text; money becomes integer micro-dollars here and nowhere else.

const MAX_USD = microsToUsd(MAX_BUDGET_MICROS);

/** "25", "25.50", "$1,200", "0.0001": at most 6 decimals (one micro-dollar), positive, not absurd. */
export const usdAmount = z
  .string({ error: "Give an amount in dollars." })
  .trim()
  .min(1, "Give an amount in dollars.")
  .transform((s) => s.replace(/^\$/, "").replace(/,/g, ""))
  .refine((s) => /^-?\d+(\.\d+)?$/.test(s), "Give a number of dollars, like 250 or 12.50.")
  .refine((s) => !s.startsWith("-"), "An amount cannot be negative.")
  .refine((s) => !/\.\d{7,}$/.test(s), "At most 6 decimals (one micro-dollar).")
  .transform((s) => {
    const [whole, frac = ""] = s.split(".");
    return Number(BigInt(whole!) * BigInt(MICROS_PER_USD) + BigInt(`${frac}000000`.slice(0, 6)));
  })
  .refine((m) => m > 0, "The amount must be more than $0.")
  .refine(
    (m) => m <= MAX_BUDGET_MICROS,
    `That is more than $${MAX_USD.toLocaleString("en-US")} a month: check the amount.`,
  );

const action = z.enum(BUDGET_ACTIONS, {
  error: "Choose what happens at the limit: warn, stop, checkpoint then destroy, or hibernate.",
});

export const budgetSchema = z.object({ amount: usdAmount, action });

/** A cap, an end time (UTC), or both; at least one. */
export const machineLimitSchema = z
  .object({
    machineId: z.string().trim().min(1, "Choose a machine."),
    cap: z
      .string()
      .trim()
      .optional()
      .transform((s) => (s ? s : undefined))
      .pipe(usdAmount.optional()),
    endsAt: z
      .string()
      .trim()
      .optional()
      .transform((s, ctx) => {
        if (!s) return undefined;
        // Only ISO-like date-times: V8's Date parser is lenient ("| nc x 4444" is the year 4444).
        if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?([zZ]|[+-]\d{2}:\d{2})?$/.test(s)) {
          ctx.addIssue({ code: "custom", message: "Give a date and time, like 2026-11-03 18:00 (UTC)." });
          return z.NEVER;
        }
        // <input type="datetime-local"> sends "2026-11-03T18:00": read as UTC, as the page says.
        const iso = s.replace(" ", "T");
        const d = new Date(/[zZ]|[+-]\d{2}:\d{2}$/.test(iso) ? iso : `${iso.length === 10 ? `${iso}T00:00` : iso}Z`);
        if (Number.isNaN(d.getTime())) {
          ctx.addIssue({ code: "custom", message: "Give a date and time, like 2026-11-03 18:00 (UTC)." });
          return z.NEVER;
        }
        return d;
      }),
    action,
  })
  .refine((v) => v.cap !== undefined || v.endsAt !== undefined, {
    message: "Set a cap, an end time, or both.",
    path: ["cap"],
  });

export const intervalsQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number({ error: "limit is a number." })
    .int("limit is a whole number.")
    .min(1, "limit is at least 1.")
    .max(1000, "limit is at most 1000.")
    .default(100),
});
