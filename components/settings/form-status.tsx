/** The form-level outcome: an error a person can act on, or a short confirmation. */
export function FormStatus({ error, message }: { error?: string; message?: string }) {
  if (error) {
    return (
      <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-800">
        {error}
      </p>
    );
  }
  if (message) {
    return (
      <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
        {message}
      </p>
    );
  }
  return null;
}

export const buttonCls = "rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";
export const dangerButtonCls = "rounded-md border border-rose-300 px-3 py-1 text-sm text-rose-800 hover:bg-rose-50";
