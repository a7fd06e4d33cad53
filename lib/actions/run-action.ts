import "server-only";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { invalidInput, isDomainError, publicMessage, type FieldErrors } from "@/lib/errors";
import { whenStarted } from "@/lib/startup";

/**
 * What every server action returns: data (and a confirmation to show), or a message a person can act
 * on with a message per field at fault, and what a form had typed so a failed submit can refill it.
 */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; error: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

/** A server action for useActionState: the previous result (null before the first submit) and the form. */
export type FormAction<T = undefined> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/** What a form action's body returns on success. */
export type ActionSuccess<T> = { data?: T; message?: string };

/** A page to re-render after the action, or a layout with every page below it. */
type RevalidateTarget = string | { layout: string };

export interface ActionOptions {
  /** Re-rendered after the action ran, and after a domain refusal too (it can mean the page is stale, a record gone). */
  revalidate?: RevalidateTarget[];
  /** Where sign-in comes back to when there is no signed-in user. */
  returnTo?: string;
}

interface FormSpecBase<F extends string> extends ActionOptions {
  /** Names the failure in the server log. */
  context: string;
  /** What a failed submit sends back to refill the form: every field unless said otherwise, never a secret. */
  echo?: (values: Record<F, string>, error: unknown) => Partial<Record<F, string>>;
}

/**
 * A form whose fields the service checks: `run` gets the text of each field (and, for a signed-in
 * form, the user's id).
 */
export interface RawFormSpec<F extends string, T, U = string> extends FormSpecBase<F> {
  fields: readonly F[];
  schema?: undefined;
  run: (input: Record<F, string>, userId: U) => Promise<ActionSuccess<T>>;
}

/** A form parsed by a zod object first (its keys name the fields): `run` gets the parsed data. */
export interface ParsedFormSpec<S extends z.ZodObject, T, U = string> extends FormSpecBase<FieldOf<S>> {
  schema: S;
  run: (input: z.output<S>, userId: U) => Promise<ActionSuccess<T>>;
}

type FieldOf<S extends z.ZodObject> = Extract<keyof S["shape"], string>;
type AnyFormSpec<T, U> = {
  context: string;
  fields?: readonly string[];
  schema?: z.ZodObject;
  echo?: (values: Record<string, string>, error: unknown) => Partial<Record<string, string>>;
  run: (input: never, userId: U) => Promise<ActionSuccess<T>>;
} & ActionOptions;

function revalidate(targets: RevalidateTarget[] = []) {
  for (const t of targets) {
    if (typeof t === "string") revalidatePath(t);
    else revalidatePath(t.layout, "layout");
  }
}

/** Domain errors say their own message and fields; anything else is logged and answered generically. */
function refusal(e: unknown, context: string, values?: Record<string, string>): ActionResult<never> {
  const base = isDomainError(e)
    ? { ok: false as const, error: e.message, fieldErrors: e.fieldErrors }
    : { ok: false as const, error: publicMessage(e, context) };
  return values ? { ...base, values } : base;
}

async function attempt<T>(
  context: string,
  fn: () => Promise<ActionSuccess<T>>,
  options: ActionOptions,
  echo?: (e: unknown) => Record<string, string>,
): Promise<ActionResult<T>> {
  try {
    await whenStarted();
    const done = await fn();
    revalidate(options.revalidate);
    return { ok: true, ...done };
  } catch (e) {
    // Redirects (signIn's, notFound's) are thrown; they must reach Next, not become a message.
    unstable_rethrow(e);
    if (isDomainError(e)) revalidate(options.revalidate);
    return refusal(e, context, echo?.(e));
  }
}

/**
 * The one wrapper of the server actions: the signed-in user (a redirect to sign-in otherwise), the
 * service, the pages to refresh, and errors mapped one way: a domain error's own message and field
 * messages, anything else a generic sentence with the details in the server log.
 */
export async function runAction<T>(
  context: string,
  fn: (userId: string) => Promise<T>,
  options: ActionOptions = {},
): Promise<ActionResult<T>> {
  // Outside the try: requireUser redirects by throwing, and that must reach Next.
  const user = await requireUser(options.returnTo);
  return attempt(context, async () => ({ data: await fn(user.id) }), options);
}

function formActionFor<T, U>(spec: AnyFormSpec<T, U>, user: () => Promise<U>): FormAction<T> {
  const fields = spec.schema ? Object.keys(spec.schema.shape) : (spec.fields ?? []);
  const run = spec.run as (input: unknown, userId: U) => Promise<ActionSuccess<T>>;
  return async (_prev, form) => {
    const values = Object.fromEntries(fields.map((k) => [k, text(form, k)]));
    const echo = (e: unknown) => strings(spec.echo ? spec.echo(values, e) : values);
    let input: unknown = values;
    if (spec.schema) {
      // Checked before anything else: a form with mistakes needs no user and no database.
      const parsed = spec.schema.safeParse(values);
      if (!parsed.success) return refusal(invalidInput(parsed.error), spec.context, echo(parsed.error));
      input = parsed.data;
    }
    // Outside the try: requireUser redirects by throwing, and that must reach Next.
    const userId = await user();
    return attempt(spec.context, () => run(input, userId), spec, echo);
  };
}

/** runAction for a form under useActionState: the form's fields in; field errors, or a message, and the typed values back. */
export function formAction<S extends z.ZodObject, T = undefined>(spec: ParsedFormSpec<S, T>): FormAction<T>;
export function formAction<F extends string, T = undefined>(spec: RawFormSpec<F, T>): FormAction<T>;
export function formAction<T>(spec: AnyFormSpec<T, string>): FormAction<T> {
  return formActionFor(spec, async () => (await requireUser(spec.returnTo)).id);
}

/** formAction for signed-out visitors' forms (sign-in, sign-up): no user is looked up. */
export function publicFormAction<S extends z.ZodObject, T = undefined>(spec: ParsedFormSpec<S, T, void>): FormAction<T>;
export function publicFormAction<F extends string, T = undefined>(spec: RawFormSpec<F, T, void>): FormAction<T>;
export function publicFormAction<T>(spec: AnyFormSpec<T, void>): FormAction<T> {
  return formActionFor(spec, async () => undefined);
}

/** A form field's text; "" when it is missing or a file. */
function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

const strings = (values: Partial<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string"));
