import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MachineView } from "@/components/machines/machine-view";
import { isDomainError } from "@/lib/errors";
import { getMachineDetail } from "@/lib/machines";
import { signedIn } from "@/lib/server/signed-in";

export const metadata: Metadata = { title: "Machine" };

export default async function MachinePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, db } = await signedIn(`/machines/${encodeURIComponent(id)}`);
  try {
    const detail = await getMachineDetail(db, user.id, id);
    return <MachineView initial={detail} />;
  } catch (e) {
    if (isDomainError(e) && e.code === "not_found") notFound();
    throw e;
  }
}
