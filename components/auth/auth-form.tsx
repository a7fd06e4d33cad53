"use client";

import Link from "next/link";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/actions/run-action";

interface Props {
  mode: "sign-in" | "sign-up";
  action: FormAction;
  callbackUrl?: string;
}

export function AuthForm({ mode, action, callbackUrl }: Props) {
  // A success redirects, so there is no form to clear.
  const { formAction, onSubmit, pending, error, errors, field } = useActionForm(action, { resetOnSuccess: false });
  const signUp = mode === "sign-up";
  const q = callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormMessage error={error} />
      {signUp ? <TextField label="Name (optional)" id="name" autoComplete="name" {...field("name")} /> : null}
      <TextField label="Email" id="email" type="email" autoComplete="email" required {...field("email")} />
      <TextField
        label="Password"
        id="password"
        name="password"
        type="password"
        autoComplete={signUp ? "new-password" : "current-password"}
        required
        error={errors.password}
        hint={signUp ? "At least 10 characters." : undefined}
      />
      <SubmitButton
        pending={pending}
        className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {signUp ? "Create account" : "Sign in"}
      </SubmitButton>
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
