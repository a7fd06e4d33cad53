import "server-only";
import type { Db } from "@/db";
import {
  activeHibernation,
  getHibernation,
  insertHibernation,
  updateHibernation,
  type HibernationRow,
} from "@/db/queries/hibernations";
import { getMachine } from "@/db/queries/machines";
import { agentKeyProblem } from "@/lib/checkpoints";
import { DomainError, fieldErrors } from "@/lib/errors";
import { deployMachine, listOffersForUser } from "@/lib/machines";
import { SUPPORTED_PROVIDERS } from "@/lib/providers";
import { offerRefusal } from "./compatibility";
import type { ResumeOfferDto, ResumeOffersDto } from "./hibernation-dto";
import { resumeSchema } from "./schemas";
import { storeForUser } from "./storage";

/**
 * Asks for a machine to be hibernated. Checked now, with what to do: it must be running, reachable by
 * the agent, and there must be somewhere to store the image. The job does the rest.
 */
export async function requestHibernate(
  db: Db,
  userId: string,
  machineId: string,
  requestedBy: "user" | "api" | "budget" = "user",
): Promise<HibernationRow> {
  const m = await getMachine(db, userId, machineId);
  if (!m) throw new DomainError("not_found", "No such machine.");
  if (m.origin === "byo")
    throw new DomainError(
      "conflict",
      "A server you registered yourself cannot be destroyed by DumontCloud, so it cannot be hibernated; checkpoint its processes instead.",
    );
  if (m.status !== "running")
    throw new DomainError("conflict", `The machine is ${m.status}; only a running machine can be hibernated.`);
  if (!m.checkpointCapable)
    throw new DomainError(
      "conflict",
      "cuda-checkpoint cannot run on this machine (no root or ptrace), so its GPU state cannot be saved. Hibernate needs a VM or bare-metal offer.",
    );
  const keyProblem = await agentKeyProblem(db, m);
  if (keyProblem) throw new DomainError("conflict", keyProblem);
  if (!(await storeForUser(db, userId)))
    throw new DomainError(
      "conflict",
      "Add an S3-compatible bucket in Settings → Object storage first: the image is stored there while the machine is gone.",
    );
  const running = await activeHibernation(db, userId, machineId);
  if (running) return running;
  return insertHibernation(db, {
    id: crypto.randomUUID(),
    userId,
    machineId,
    requestedBy,
    gpuModel: m.gpuModel,
    gpuCount: m.gpuCount,
    steps: [
      {
        at: new Date().toISOString(),
        step: "request",
        outcome: "done",
        message: `Hibernate requested (${requestedBy})`,
      },
    ],
  });
}

/** Every live offer of every provider the user can deploy on, each with whether it can take the image and why not. */
export async function resumeOffers(db: Db, userId: string, h: HibernationRow): Promise<ResumeOffersDto> {
  const results = await Promise.all(
    SUPPORTED_PROVIDERS.map(async (p) => ({ p, r: await listOffersForUser(db, userId, p).catch(() => null) })),
  );
  const offers: ResumeOfferDto[] = [];
  const messages: string[] = [];
  for (const { p, r } of results) {
    if (!r) continue;
    if (r.message) messages.push(r.message);
    for (const o of r.offers)
      if (String(o.gpuModel).toLowerCase() === h.gpuModel.toLowerCase())
        offers.push({ provider: p, offer: o, refusal: offerRefusal(h, o) });
  }
  offers.sort(
    (a, b) =>
      Number(a.refusal !== null) - Number(b.refusal !== null) ||
      a.offer.pricePerHourMicros - b.offer.pricePerHourMicros,
  );
  return { offers, messages };
}

/** Starts a resume on the chosen offer: refused at once, with the reason, when the offer cannot take the image. */
export async function requestResume(
  db: Db,
  userId: string,
  hibernationId: string,
  input: unknown,
): Promise<{ hibernation: HibernationRow; machineId: string }> {
  const parsed = resumeSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  const h = await getHibernation(db, userId, hibernationId);
  if (!h) throw new DomainError("not_found", "No such hibernated machine.");
  if (h.status !== "hibernated")
    throw new DomainError("conflict", `This hibernation is ${h.status}; only a stored image can be resumed.`);
  if (h.resumeStatus && !["failed", "resumed"].includes(h.resumeStatus))
    throw new DomainError("conflict", "A resume is already under way.");
  if (h.resumeStatus === "resumed") throw new DomainError("conflict", "This image was already resumed.");
  const offers = await listOffersForUser(db, userId, parsed.data.provider, { fresh: true });
  const offer = offers.offers.find((o) => o.id === parsed.data.offerId);
  if (!offer)
    throw new DomainError("invalid", offers.message ?? "That offer is no longer available. Pick another one.", {
      offerId: "That offer is no longer available.",
    });
  const refusal = offerRefusal(h, offer);
  if (refusal) throw new DomainError("invalid", `This offer cannot take the image: ${refusal}`, { offerId: refusal });
  const source = (await getMachine(db, userId, h.machineId))!;
  const attempt = h.steps.filter((s) => s.step === "resume" && s.outcome === "started").length + 1;
  const { id } = await deployMachine(db, userId, {
    provider: parsed.data.provider,
    offerId: offer.id,
    gpuCount: h.gpuCount,
    // Room for the archive and the unpacked images, at least the usual 100 GB.
    diskGb: Math.min(4000, Math.max(100, Math.ceil(((h.imageBytes ?? 0) + (h.rawBytes ?? 0)) / 1e9) + 50)),
    sshKeyId: source.sshKeyId ?? "",
    name: `${source.name.slice(0, 28)}-resumed`,
    requestKey: `resume-${h.id}-${attempt}`,
  });
  const row = await updateHibernation(
    db,
    h.id,
    {
      resumeStatus: "requested",
      resumeMachineId: id,
      resumeError: null,
      resumeStartedAt: new Date(),
      resumedAt: null,
      resumeMs: null,
    },
    [
      {
        at: new Date().toISOString(),
        step: "resume",
        outcome: "started",
        message: `Resume on ${offer.gpuCount}× ${offer.gpuName} (${parsed.data.provider}, ${offer.region})`,
      },
    ],
  );
  return { hibernation: row, machineId: id };
}
