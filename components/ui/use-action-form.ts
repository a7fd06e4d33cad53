"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionResult, FormAction } from "@/lib/actions/run-action";

/**
 * useActionState for a form built on formAction, plus what every such form wants: submit through a
 * transition so React does not reset the form after the action (what was typed stays after a failed
 * submit), clear it after a success unless told not to, and the result read out for rendering.
 * Without JavaScript the form still posts to the action.
 */
export function useActionForm<T>(action: FormAction<T>, { resetOnSuccess = true } = {}) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  // Each answer is a new object, so this runs once per successful submit.
  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  const onSubmit = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const data = new FormData(ev.currentTarget);
    startTransition(() => formAction(data));
  };
  const failed = state?.ok === false ? state : undefined;
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values ?? {};
  return {
    state,
    formAction,
    formRef,
    onSubmit,
    pending,
    /** What the last success returned, and its confirmation. */
    data: state?.ok ? state.data : undefined,
    message: state?.ok ? state.message : undefined,
    /** One message per field at fault. */
    errors,
    /** The failure's message when no field message explains it. */
    error: failed && Object.keys(errors).length === 0 ? failed.error : undefined,
    /** What the failed submit had typed, to refill the form without JavaScript. */
    values,
    /** A field's name, its message, and what the failed submit had in it (else `initial`). */
    field: (name: string, initial?: string) => ({ name, error: errors[name], defaultValue: values[name] ?? initial }),
  };
}
