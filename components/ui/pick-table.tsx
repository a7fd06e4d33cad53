import type { ReactNode } from "react";
import { cellClass, type Column, DataTable } from "./table";

interface Props<T> {
  /** Names the table for screen readers. */
  caption: ReactNode;
  /** The columns after "Pick": heading, its cell in each row, and classes for both. */
  columns: PickColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The radio group's name. */
  name: string;
  picked: string | null;
  onPick: (key: string) => void;
  /** A row that cannot be picked: its radio is disabled and the row dimmed. */
  unavailable: (row: T) => boolean;
  /** The radio's accessible name. */
  radioLabel: (row: T) => string;
  rowTestId: string;
}

export interface PickColumn<T> {
  label: string;
  className?: string;
  cell: (row: T) => ReactNode;
}

const cls = cellClass("pick");

/** A table of choices (offers) where a radio in the first column picks one row. */
export function PickTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  name,
  picked,
  onPick,
  unavailable,
  radioLabel,
  rowTestId,
}: Props<T>) {
  const headings: Column[] = ["Pick", ...columns.map(({ label, className }) => ({ label, className }))];
  return (
    <DataTable variant="pick" caption={caption} columns={headings}>
      {rows.map((row) => {
        const key = rowKey(row);
        const off = unavailable(row);
        return (
          <tr key={key} className={`border-t border-slate-200 ${off ? "text-slate-500" : ""}`} data-testid={rowTestId}>
            <td className={cls}>
              <input
                type="radio"
                name={name}
                aria-label={radioLabel(row)}
                value={key}
                checked={picked === key}
                disabled={off}
                onChange={() => onPick(key)}
              />
            </td>
            {columns.map((c) => (
              <td key={c.label} className={c.className ? `${cls} ${c.className}` : cls}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        );
      })}
    </DataTable>
  );
}
