"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import type { SettingsFormState } from "@/app/(dashboard)/settings/actions";

/**
 * useActionState plus the two things every settings form wants: submit through a transition so
 * React does not reset the form on a failed submit (what was typed stays), and clear it after a success.
 */
export function useSettingsForm<S extends SettingsFormState>(action: (prev: S, form: FormData) => Promise<S>) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, {} as Awaited<S>);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && state.doneAt) formRef.current?.reset();
  }, [state.ok, state.doneAt]);
  const onSubmit = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const data = new FormData(ev.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, formRef, onSubmit, errors: state.fieldErrors ?? {} };
}
