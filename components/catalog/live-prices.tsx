"use client";

import { useEffect, useMemo, useState } from "react";
import {
  formatAsOf,
  indexLive,
  liveFor,
  livePricesResponseSchema,
  NO_LIVE,
  type LiveIndex,
  type LivePricesResponse,
  type LiveQuote,
} from "@/lib/catalog/live";
import { formatUsd } from "@/lib/money";

// The public pages are prerendered with the seed prices; today's prices come from GET /api/v1/live-prices
// after load (see that route for why not ISR). One request per page view, shared by every component on
// it, and asked again after a minute on client-side navigation (the route's own cache time).
const MAX_AGE_MS = 60_000;
let cached: { at: number; data: Promise<LivePricesResponse | null> } | null = null;

function load(): Promise<LivePricesResponse | null> {
  if (!cached || Date.now() - cached.at > MAX_AGE_MS) {
    cached = {
      at: Date.now(),
      data: fetch("/api/v1/live-prices")
        .then((r) => (r.ok ? r.json() : null))
        .then((b: unknown) => {
          const parsed = livePricesResponseSchema.safeParse(b);
          return parsed.success ? parsed.data : null;
        })
        .catch(() => null),
    };
  }
  return cached.data;
}

/** The live prices, or null while loading (or when they could not be read: the seed prices stand). */
export function useLivePrices(): LivePricesResponse | null {
  const [data, setData] = useState<LivePricesResponse | null>(null);
  useEffect(() => {
    let mounted = true;
    void load().then((d) => mounted && setData(d));
    return () => {
      mounted = false;
    };
  }, []);
  return data;
}

export function useLiveIndex(): LiveIndex {
  const data = useLivePrices();
  return useMemo(() => (data ? indexLive(data.prices) : NO_LIVE), [data]);
}

export const formatLiveUsd = (micros: number) => formatUsd(micros, { maxDigits: 3 });

/** "$2.343 live, as of 2025-05-01 14:05 UTC · 3 offers". */
export function LiveQuoteText({ quote, className = "" }: { quote: LiveQuote; className?: string }) {
  return (
    <span className={className} data-testid="live-price" data-provider={quote.provider} data-gpu={quote.gpu}>
      <span className="font-semibold tabular-nums">{formatLiveUsd(quote.perGpuHourMicros)}</span>{" "}
      <span className="text-xs text-slate-700">
        live, as of <time dateTime={quote.asOf}>{formatAsOf(quote.asOf)}</time> · {quote.offers} offer
        {quote.offers === 1 ? "" : "s"}
        {quote.stale ? " (not refreshed since)" : ""}
      </span>
    </span>
  );
}

/** Today's price for one provider and GPU beside a seed figure; nothing while loading or where there is none. */
export function LivePriceNote({ provider, gpu }: { provider: string; gpu: string }) {
  const live = useLiveIndex();
  const quote = liveFor(live, provider, gpu);
  if (!quote) return null;
  return <LiveQuoteText quote={quote} className="block" />;
}
