import type { MouseEventHandler, ReactNode } from "react";

/**
 * A column heading: its label, or the label with classes of its own (alignment) and `srOnly` for a
 * column that only screen readers need named (a column of buttons).
 */
export type Column = string | { label: string; className?: string; srOnly?: boolean };

/** A column of figures, right-aligned so their digits line up. */
export const alignRight = (label: string): Column => ({ label, className: "text-right" });

const VARIANTS = {
  // Catalog and dashboard lists.
  default: { table: "w-full text-left text-sm", head: "bg-slate-100", cell: "px-4 py-2", framed: true },
  // Dense operational tables: small uppercase headings, tighter cells.
  compact: {
    table: "w-full text-sm",
    head: "bg-slate-50 text-left text-xs uppercase text-slate-600",
    cell: "px-3 py-2",
    framed: true,
  },
  // A table inside a card that already draws the border.
  inline: { table: "w-full text-left text-sm", head: "text-slate-600", cell: "py-1 font-medium", framed: false },
  // Offers to pick from inside a form: the default look with narrower cells.
  pick: { table: "w-full text-left text-sm", head: "bg-slate-100", cell: "px-3 py-2", framed: true },
} as const;

export type TableVariant = keyof typeof VARIANTS;

/** The classes a variant's cells share, for body cells that match their headings. */
export const cellClass = (variant: TableVariant) => VARIANTS[variant].cell;

/** The bordered frame that scrolls a wide table sideways on narrow screens instead of the page. */
export function TableFrame({ children }: { children: ReactNode }) {
  return <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">{children}</div>;
}

/** A column header cell; scope="col" ties each body cell to its heading for screen readers. */
export function HeaderCell({
  children,
  className = VARIANTS.default.cell,
}: {
  children: ReactNode;
  className?: string;
}) {
  return (
    <th scope="col" className={className}>
      {children}
    </th>
  );
}

/** One header row from column labels; `cellClassName` is the classes every heading shares. */
export function HeaderRow({
  columns,
  cellClassName = VARIANTS.default.cell,
}: {
  columns: Column[];
  cellClassName?: string;
}) {
  return (
    <tr>
      {columns.map((c) => {
        const col = typeof c === "string" ? { label: c } : c;
        return (
          <HeaderCell key={col.label} className={col.className ? `${cellClassName} ${col.className}` : cellClassName}>
            {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
          </HeaderCell>
        );
      })}
    </tr>
  );
}

/**
 * A column header whose button sorts by it. aria-sort says the current order to screen readers; the
 * arrow says it to everyone else and is hidden from screen readers so it is not read twice.
 */
export function SortableHeader({
  label,
  sorted,
  onSort,
}: {
  label: ReactNode;
  sorted: false | "asc" | "desc";
  onSort?: MouseEventHandler<HTMLButtonElement>;
}) {
  return (
    <th
      scope="col"
      className={VARIANTS.default.cell}
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
    >
      <button type="button" className="font-semibold hover:underline" onClick={onSort}>
        {label}
        <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
      </button>
    </th>
  );
}

/** The heading cell of a body row: scope="row" makes it name the row (getByRole("rowheader") finds it). */
export function RowHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="px-4 py-2 font-medium">
      {children}
    </th>
  );
}

interface DataTableProps {
  variant?: TableVariant;
  /** Visually hidden; it names the table for screen readers (and getByRole("table", { name })). */
  caption?: ReactNode;
  /** The header row from labels; or `head` for header rows the table renders itself (sortable ones). */
  columns?: Column[];
  head?: ReactNode;
  /** Replaces the variant's classes on <thead>. */
  headClassName?: string;
  testId?: string;
  /** Below the table, inside the frame: what to say when there are no rows. */
  footer?: ReactNode;
  /** The body rows. */
  children: ReactNode;
}

/** A data table: frame, optional caption, header row and body. */
export function DataTable({
  variant = "default",
  caption,
  columns,
  head,
  headClassName,
  testId,
  footer,
  children,
}: DataTableProps) {
  const v = VARIANTS[variant];
  const table = (
    <table className={v.table} data-testid={testId}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead className={headClassName ?? v.head}>
        {columns ? <HeaderRow columns={columns} cellClassName={v.cell} /> : head}
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  const body = (
    <>
      {table}
      {footer}
    </>
  );
  return v.framed ? <TableFrame>{body}</TableFrame> : body;
}
