import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MachineView } from "@/components/machines/machine-view";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { isDomainError } from "@/lib/errors";
import { getMachineDetail } from "@/lib/machines";
import { boot } from "@/lib/server/boot";

export const metadata: Metadata = { title: "Machine" };

export default async function MachinePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/machines/${encodeURIComponent(id)}`);
  await boot();
  try {
    const detail = await getMachineDetail(await getDb(), user.id, id);
    return <MachineView initial={detail} />;
  } catch (e) {
    if (isDomainError(e) && e.code === "not_found") notFound();
    throw e;
  }
}
