interface Props<T> {
  items: T[];
  /** Said instead of an empty list. */
  empty: string;
  /** The list's accessible name. */
  label: string;
  className: string;
  /** One `<li key=…>` per item. */
  children: (item: T) => React.ReactNode;
}

/** A list of the user's records, or a line saying there are none yet. */
export function RecordList<T>({ items, empty, label, className, children }: Props<T>) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className={className} aria-label={label}>
      {items.map((item) => children(item))}
    </ul>
  );
}
