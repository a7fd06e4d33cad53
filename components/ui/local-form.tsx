"use client";

import type { ComponentProps } from "react";

/**
 * A form that is never submitted: its inputs update the page as they change, so Enter in a field must
 * not reload it. The label names the form, which makes it a landmark screen readers can jump to.
 */
export function LocalForm({
  label,
  ...props
}: { label: string } & Omit<ComponentProps<"form">, "onSubmit" | "aria-label">) {
  return <form {...props} onSubmit={(e) => e.preventDefault()} aria-label={label} />;
}
