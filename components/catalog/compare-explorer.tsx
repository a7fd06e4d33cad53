"use client";

import { useCallback, useEffect, useState } from "react";
import { DEFAULT_FILTERS, parseFilters, serializeFilters, type CompareFilters, type CompareRow } from "@/lib/catalog/compare";
import type { CheckpointEvidence } from "@/lib/catalog/types";
import { CompareView } from "./compare-view";

/**
 * The interactive comparison: filters and sort live in the URL so any view can be shared.
 * The page is prerendered with the default view; the URL's filters apply right after hydration.
 * (useSearchParams would need a Suspense boundary whose fallback is swapped out on hydration,
 * which drops keyboard focus; reading location once on mount keeps the same DOM.)
 */
export function CompareExplorer(props: { rows: CompareRow[]; evidence: Record<string, CheckpointEvidence> }) {
  const [filters, setFilters] = useState<CompareFilters>(DEFAULT_FILTERS);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const read = () => setFilters(parseFilters(new URLSearchParams(window.location.search)));
    read();
    setReady(true);
    window.addEventListener("popstate", read);
    return () => window.removeEventListener("popstate", read);
  }, []);

  const onChange = useCallback((next: CompareFilters) => {
    setFilters(next);
    window.history.replaceState(null, "", `${window.location.pathname}${serializeFilters(next)}`);
  }, []);

  return <CompareView {...props} filters={filters} onChange={ready ? onChange : undefined} />;
}
