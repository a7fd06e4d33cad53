"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseFilters, serializeFilters, type CompareFilters, type CompareRow } from "@/lib/catalog/compare";
import type { CheckpointEvidence } from "@/lib/catalog/types";
import { CompareView } from "./compare-view";

/** The interactive comparison: filters and sort live in the URL so any view can be shared. */
export function CompareExplorer(props: { rows: CompareRow[]; evidence: Record<string, CheckpointEvidence> }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseFilters(params), [params]);
  const onChange = useCallback(
    (next: CompareFilters) => router.replace(`${pathname}${serializeFilters(next)}`, { scroll: false }),
    [router, pathname],
  );
  return <CompareView {...props} filters={filters} onChange={onChange} />;
}
