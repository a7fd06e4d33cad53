/** One line of the benchmark report: a figure, what it is compared with, and their ratio. */
export interface BenchRow {
  issue: string;
  name: string;
  value: number;
  unit: string;
  /** What the figure is measured against (a plain server, a budget, a baseline). */
  versus?: string;
  versusValue?: number;
  /** value / versusValue, when both exist. */
  ratio?: number;
  note?: string;
}

export const row = (r: Omit<BenchRow, "ratio">): BenchRow => ({
  ...r,
  ratio: r.versusValue ? r.value / r.versusValue : undefined,
});
