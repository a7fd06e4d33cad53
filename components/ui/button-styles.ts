export const buttonCls =
  "rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";
export const smallButtonCls = "rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50";
export const dangerButtonCls = "rounded-md border border-rose-300 px-3 py-1 text-sm text-rose-800 hover:bg-rose-50";
