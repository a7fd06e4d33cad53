import type { ReactNode } from "react";

interface Props<T> {
  items: T[];
  /** Said instead of an empty list. */
  empty: string;
  /** The list's accessible name. */
  label: string;
  /** By default a bordered box of RecordLine rows. */
  className?: string;
  /** One `<li key=…>` per item. */
  children: (item: T) => ReactNode;
}

/** A list of the user's records, or a line saying there are none yet. */
export function RecordList<T>({
  items,
  empty,
  label,
  className = "divide-y divide-slate-200 rounded-md border border-slate-200 bg-white",
  children,
}: Props<T>) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className={className} aria-label={label}>
      {items.map((item) => children(item))}
    </ul>
  );
}

const lineCls = "flex flex-wrap items-center gap-x-4 gap-y-1";

/**
 * A record's facts on one wrapping line with `end` (its button, or its state) pushed to the far end:
 * by default a row of RecordList's box, or `as="div"` inside a record that shows more below.
 */
export function RecordLine({
  as: Tag = "li",
  testId,
  end,
  children,
}: {
  as?: "li" | "div";
  testId?: string;
  end: ReactNode;
  children: ReactNode;
}) {
  return (
    <Tag className={Tag === "li" ? `${lineCls} px-4 py-3 text-sm` : lineCls} data-testid={testId}>
      {children}
      <span className="ml-auto">{end}</span>
    </Tag>
  );
}
