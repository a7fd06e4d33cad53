"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/run-action";

/**
 * For a form that keeps its values in state and calls its server action directly: the field errors
 * and the form's error from the last answer, and a submit handler that runs the action in a
 * transition and hands a success on (navigate, refresh, clear a secret).
 */
export function useSubmitAction() {
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const onSubmit =
    <T>(run: () => Promise<ActionResult<T>>, onSuccess: (data: T | undefined) => void) =>
    (e: React.FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      // A retry does not keep saying what was wrong with the last try.
      setError(null);
      start(async () => {
        const r = await run();
        if (!r.ok) {
          setErrors(r.fieldErrors ?? {});
          setError(r.error);
          return;
        }
        setErrors({});
        onSuccess(r.data);
      });
    };
  return { errors, setErrors, error, pending, start, onSubmit };
}
