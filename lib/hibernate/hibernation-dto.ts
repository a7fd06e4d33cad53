import { z } from "zod";
import { HIBERNATION_STATUSES, RESUME_STATUSES } from "@/db/schema/hibernations";
import { offerDtoSchema } from "@/lib/machines";
import { PROVIDER_SLUGS } from "@/lib/providers/types";

// What a browser or a script sees of a hibernation (no credentials, no upload ids): the schema is
// what GET /api/v1/openapi.json says, the types are derived from it.

const isoDateTime = z.iso.datetime();

export const hibernationDtoSchema = z
  .object({
    id: z.string(),
    machineId: z.string(),
    machineName: z.string().nullable(),
    status: z.enum(HIBERNATION_STATUSES),
    requestedBy: z.string(),
    gpuModel: z.string(),
    gpuCount: z.int(),
    driverVersion: z.string().nullable(),
    processes: z.array(
      z.object({
        pid: z.int(),
        name: z.string().nullable(),
        usedMemoryMiB: z.number().nullable(),
        imageId: z.string().describe("The checkpoint operation id: names the CRIU image directory inside the archive"),
      }),
    ),
    imageBytes: z.number().nullable(),
    rawBytes: z.number().nullable(),
    sha256: z.string().nullable(),
    location: z.string().nullable().describe("s3://bucket/key"),
    endpoint: z.string().nullable().describe("The object store the image lives at"),
    storageMicrosPerMonth: z.int().nullable(),
    progress: z
      .object({
        phase: z.enum(["upload", "download"]),
        bytesDone: z.number(),
        bytesTotal: z.number(),
        rateBps: z.number().describe("Bytes per second over the transfer so far"),
        etaSeconds: z.number().nullable().describe("Seconds left at that rate; null until there is a rate"),
        startedAt: isoDateTime,
        updatedAt: isoDateTime,
      })
      .nullable()
      .describe("The transfer in flight"),
    steps: z.array(
      z.object({
        at: isoDateTime,
        step: z.string(),
        outcome: z.enum(["started", "done", "failed", "info"]),
        message: z.string(),
      }),
    ),
    error: z.string().nullable(),
    hibernatedAt: isoDateTime.nullable(),
    hibernateMs: z.number().nullable(),
    resume: z.object({
      status: z.enum(RESUME_STATUSES).nullable(),
      machineId: z.string().nullable(),
      machineName: z.string().nullable(),
      error: z.string().nullable(),
      resumedAt: isoDateTime.nullable(),
      resumeMs: z.number().nullable(),
    }),
  })
  .meta({ id: "Hibernation" });
export type HibernationDto = z.infer<typeof hibernationDtoSchema>;

/** A machine's hibernation as the machine page shows it: the one it was hibernated into, and the one it was resumed from. */
export const machineHibernationDtoSchema = z.object({
  hibernation: hibernationDtoSchema.nullable(),
  resumedFrom: hibernationDtoSchema.nullable(),
});
export type MachineHibernationDto = z.infer<typeof machineHibernationDtoSchema>;

export const resumeOfferDtoSchema = z.object({
  provider: z.enum(PROVIDER_SLUGS),
  offer: offerDtoSchema,
  refusal: z.string().nullable().describe("Why this offer cannot take the image; null when it can"),
});
export type ResumeOfferDto = z.infer<typeof resumeOfferDtoSchema>;

export const resumeOffersDtoSchema = z.object({ offers: z.array(resumeOfferDtoSchema), messages: z.array(z.string()) });
export type ResumeOffersDto = z.infer<typeof resumeOffersDtoSchema>;
