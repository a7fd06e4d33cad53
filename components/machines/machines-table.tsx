"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from "@tanstack/react-table";
import type { MachineDto } from "@/lib/machines";
import { formatDuration } from "@/lib/format";
import { formatUsd, perHour } from "@/lib/money";
import { DataTable, SortableHeader } from "@/components/ui/table";
import { StatusBadge } from "./status-badge";
import { useMachines } from "./use-machines";

const col = createColumnHelper<MachineDto>();

/** The machines list, polled live; TanStack Table for sorting by any column. */
export function MachinesTable({ initial }: { initial: MachineDto[] }) {
  const { data = [], error } = useMachines(initial);
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(
    () => [
      col.accessor("name", {
        header: "Name",
        cell: (c) => (
          <Link href={`/machines/${c.row.original.id}`} className="font-medium underline-offset-2 hover:underline">
            {c.getValue()}
          </Link>
        ),
      }),
      col.accessor("providerLabel", {
        header: "Provider",
        cell: (c) => `${c.getValue()}${c.row.original.sandbox ? " (sandbox)" : ""}`,
      }),
      col.accessor((m) => `${m.gpuCount}× ${m.gpuModel}`, { id: "gpu", header: "GPU" }),
      col.accessor("displayStatus", { header: "Status", cell: (c) => <StatusBadge status={c.getValue()} /> }),
      col.accessor("pricePerHourMicros", { header: "Price", cell: (c) => perHour(c.getValue()) }),
      col.accessor("uptimeMs", { header: "Uptime", cell: (c) => (c.getValue() ? formatDuration(c.getValue()) : "—") }),
      col.accessor("costSoFarMicros", {
        header: "Cost so far",
        cell: (c) => formatUsd(c.getValue(), { maxDigits: 4 }),
      }),
    ],
    [],
  );
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  return (
    <div className="space-y-2">
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          Could not refresh: {(error as Error).message}
        </p>
      ) : null}
      <DataTable
        head={table.getHeaderGroups().map((hg) => (
          <tr key={hg.id}>
            {hg.headers.map((h) => (
              <SortableHeader
                key={h.id}
                label={flexRender(h.column.columnDef.header, h.getContext())}
                sorted={h.column.getIsSorted()}
                onSort={h.column.getToggleSortingHandler()}
              />
            ))}
          </tr>
        ))}
      >
        {table.getRowModel().rows.map((r) => (
          <tr key={r.id} className="border-t border-slate-200" data-testid="machine-row">
            {r.getVisibleCells().map((c) => (
              <td key={c.id} className="px-4 py-2 tabular-nums">
                {flexRender(c.column.columnDef.cell, c.getContext())}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
