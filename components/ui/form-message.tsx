/**
 * The outcome of a form or an action: an error a person can act on, or a short confirmation. `box`
 * stands apart from the fields; `inline` is a line of text beside buttons or in a dialog.
 */
export function FormMessage({
  error,
  message,
  variant = "box",
  className = "",
}: {
  error?: string | null;
  message?: string;
  variant?: "box" | "inline";
  className?: string;
}) {
  const styles = STYLES[variant];
  if (error) {
    return (
      <p role="alert" className={`${styles.error} ${className}`.trim()}>
        {error}
      </p>
    );
  }
  if (message) {
    return (
      <p role="status" className={`${styles.message} ${className}`.trim()}>
        {message}
      </p>
    );
  }
  return null;
}

const STYLES = {
  box: {
    error: "rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-800",
    message: "rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900",
  },
  inline: { error: "text-sm text-rose-700", message: "text-sm text-emerald-800" },
};
