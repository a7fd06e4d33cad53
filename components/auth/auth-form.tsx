"use client";

import Link from "next/link";
import { startTransition, useActionState } from "react";
import type { AuthFormState } from "@/app/(auth)/actions";
import { Field, inputCls } from "@/components/ui/field";

interface Props {
  mode: "sign-in" | "sign-up";
  action: (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;
  callbackUrl?: string;
}

export function AuthForm({ mode, action, callbackUrl }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const e = state.errors ?? {};
  const signUp = mode === "sign-up";
  const q = callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
  return (
    <form
      action={formAction}
      // With JavaScript, submit through a transition: React would otherwise reset the form after the
      // action and wipe what the user typed (and race with their typing). Without it, the action posts.
      onSubmit={(ev) => {
        ev.preventDefault();
        const data = new FormData(ev.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="space-y-4"
      noValidate
    >
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {e.form ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-800">
          {e.form}
        </p>
      ) : null}
      {signUp ? (
        <Field label="Name (optional)" htmlFor="name" error={e.name}>
          <input id="name" name="name" autoComplete="name" className={inputCls} defaultValue={state.values?.name} aria-invalid={!!e.name} />
        </Field>
      ) : null}
      <Field label="Email" htmlFor="email" error={e.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          className={inputCls}
          defaultValue={state.values?.email}
          aria-invalid={!!e.email}
          aria-describedby={e.email ? "email-error" : undefined}
        />
      </Field>
      <Field label="Password" htmlFor="password" error={e.password} hint={signUp ? "At least 10 characters." : undefined}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={signUp ? "new-password" : "current-password"}
          required
          className={inputCls}
          aria-invalid={!!e.password}
          aria-describedby={e.password ? "password-error" : undefined}
        />
      </Field>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Please wait…" : signUp ? "Create account" : "Sign in"}
      </button>
      <p className="text-sm text-slate-700">
        {signUp ? (
          <>
            Already have an account?{" "}
            <Link href={`/sign-in${q}`} className="underline">
              Sign in
            </Link>
          </>
        ) : (
          <>
            New here?{" "}
            <Link href={`/sign-up${q}`} className="underline">
              Create an account
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
