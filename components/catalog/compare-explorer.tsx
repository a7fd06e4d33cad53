"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import {
  DEFAULT_FILTERS,
  parseFilters,
  serializeFilters,
  withLive,
  type CompareFilters,
  type CompareRow,
} from "@/lib/catalog/compare";
import { indexLive } from "@/lib/catalog/live";
import type { CheckpointEvidence } from "@/lib/catalog/types";
import { CompareView } from "./compare-view";
import { useLivePrices } from "./live-prices";

/**
 * The interactive comparison: filters and sort live in the URL so any view can be shared.
 * The page is prerendered with the default view; the URL's filters apply right after hydration.
 * (useSearchParams would need a Suspense boundary whose fallback is swapped out on hydration,
 * which drops keyboard focus; reading location once on mount keeps the same DOM.)
 * Today's prices join the seed rows when GET /api/v1/live-prices answers.
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

  const live = useLivePrices();
  const rows = useMemo(() => (live ? withLive(props.rows, indexLive(live.prices)) : props.rows), [live, props.rows]);
  const liveStatus = useMemo(
    () => Object.fromEntries((live?.providers ?? []).map((p) => [p.provider, p.status])),
    [live],
  );

  return (
    <CompareView
      rows={rows}
      evidence={props.evidence}
      liveStatus={liveStatus}
      filters={filters}
      onChange={ready ? onChange : undefined}
    />
  );
}
