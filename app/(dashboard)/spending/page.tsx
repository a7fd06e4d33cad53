import type { Metadata } from "next";
import { ActionsList, AlertsList } from "@/components/spending/budget-records";
import { BudgetForm } from "@/components/spending/budget-form";
import { ChartLoader } from "@/components/spending/chart-loader";
import { MachineLimitForm } from "@/components/spending/machine-limit-form";
import { RefreshWhile } from "@/components/spending/refresh-while";
import { ByMachineTable, ByProviderTable } from "@/components/spending/spend-tables";
import { StoppedBilling } from "@/components/spending/stopped-billing";
import { SummaryCards } from "@/components/spending/summary-cards";
import { inputCls } from "@/components/ui/field";
import { getBudget, listActions, listAlerts, listLimits } from "@/db/queries/spending";
import { isDomainError } from "@/lib/errors";
import { formatUsdInput } from "@/lib/money";
import { DAY_MS } from "@/lib/costing";
import { isoDay, parseRange, thisMonth, type Range, getSpendingPage } from "@/lib/spending";
import { signedIn } from "@/lib/server/signed-in";

export const metadata: Metadata = { title: "Spending" };
export const dynamic = "force-dynamic";

function Section({
  title,
  id,
  children,
  aside,
}: {
  title: string;
  id?: string;
  children: React.ReactNode;
  aside?: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id ?? title}-h`}
      id={id}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id={`${id ?? title}-h`} className="text-lg font-semibold">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

export default async function SpendingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, db } = await signedIn("/spending");
  const q = await searchParams;
  const one = (k: string) => (typeof q[k] === "string" ? (q[k] as string) : undefined);
  const now = new Date();
  let range: Range = thisMonth(now);
  let rangeError: string | null = null;
  try {
    range = parseRange(one("from"), one("to"), now);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    rangeError = `${e.message} Showing this month instead.`;
  }
  const [data, budget, limits, alerts, actions] = await Promise.all([
    getSpendingPage(db, user.id, range, now),
    getBudget(db, user.id),
    listLimits(db, user.id),
    listAlerts(db, user.id),
    listActions(db, user.id),
  ]);
  const s = data.summary;
  const live = Object.entries(s.machines)
    .filter(([, m]) => m.status !== "destroyed" && m.status !== "failed")
    .map(([id, m]) => ({ id, name: m.name }));
  const unread = alerts.filter((a) => !a.readAt).length;
  const inProgress = actions.some((a) => a.status === "queued" || a.status === "running");

  return (
    <div className="space-y-6">
      <RefreshWhile active={inProgress} />
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-bold">Spending</h1>
        <p className="text-sm text-slate-600">
          Days and months are UTC. Money is counted to the micro-dollar, each interval rounded up to its provider&apos;s
          billing granularity.
        </p>
      </div>

      {unread ? (
        <div role="status">
          <a
            href="#alerts"
            className="block rounded-md border border-rose-300 bg-rose-50 px-4 py-2 text-sm text-rose-900"
            data-testid="alerts-banner"
          >
            {unread} unread budget alert{unread > 1 ? "s" : ""}: {alerts.find((a) => !a.readAt)?.message}
          </a>
        </div>
      ) : null}

      <SummaryCards s={s} budgetMicros={budget?.amountMicros ?? null} />

      <Section
        title="Daily cost by provider"
        aside={
          <a href="/api/v1/spending/intervals.csv" className="ml-auto text-sm underline" download>
            Export all intervals (CSV)
          </a>
        }
      >
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Range">
          <label className="text-sm">
            <span className="block font-medium">From (UTC)</span>
            <input type="date" name="from" defaultValue={one("from") ?? isoDay(range.from)} className={inputCls} />
          </label>
          <label className="text-sm">
            <span className="block font-medium">To (UTC, included)</span>
            <input
              type="date"
              name="to"
              defaultValue={one("to") ?? isoDay(range.to.getTime() - DAY_MS)}
              className={inputCls}
            />
          </label>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
            Show
          </button>
        </form>
        {rangeError ? (
          <p role="alert" className="text-sm text-rose-700" data-testid="range-error">
            {rangeError}
          </p>
        ) : null}
        <ChartLoader series={data.daily} labels={s.providers} />
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="By provider">
          {s.byProvider.length ? (
            <ByProviderTable s={s} />
          ) : (
            <p className="text-sm text-slate-700">Nothing billed in this range.</p>
          )}
        </Section>
        <Section title="Stopped machines that still bill">
          <StoppedBilling items={data.stoppedBilling} rest={data.stoppedRest} />
        </Section>
      </div>

      <Section title="By machine">
        {s.byMachine.length ? (
          <ByMachineTable s={s} truth={data.truth} />
        ) : (
          <p className="text-sm text-slate-700">Nothing billed in this range.</p>
        )}
        <p className="text-xs text-slate-600">
          The provider&apos;s figure is shown where its API reports one (the sandbox does); a difference over 1% is
          flagged.
        </p>
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Budget">
          <BudgetForm
            current={budget ? { amountUsd: formatUsdInput(budget.amountMicros), action: budget.action } : null}
          />
        </Section>
        <Section title="Machine limits">
          <MachineLimitForm
            machines={live}
            limits={limits.map((l) => ({
              machineId: l.machineId,
              machineName: s.machines[l.machineId]?.name ?? l.machineId,
              capMicros: l.capMicros,
              endsAt: l.endsAt?.toISOString() ?? null,
              action: l.action,
            }))}
          />
        </Section>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Alerts" id="alerts">
          <AlertsList alerts={alerts} />
        </Section>
        <Section title="What the limits did" id="budget-actions">
          <ActionsList actions={actions} names={s.machines} />
        </Section>
      </div>
    </div>
  );
}
