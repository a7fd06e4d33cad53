import { z } from "zod";
import { type ApiOperation, machineOperation, operationsOnId, reply } from "@/lib/api/openapi/operation";
import { hibernationDtoSchema, machineHibernationDtoSchema, resumeOffersDtoSchema } from "./hibernation-dto";
import { resumeSchema } from "./schemas";

// The hibernate API: hibernate a machine into an image in the user's object storage, and resume the
// image on an offer anywhere (app/api/v1/machines/[id]/hibernate, app/api/v1/hibernations/[id]/…).

const hibernationOperation = operationsOnId("Hibernation id");

/** POST /machines/{id}/hibernate */
export const startedHibernationDtoSchema = z.object({ hibernation: hibernationDtoSchema });
export type StartedHibernationDto = z.infer<typeof startedHibernationDtoSchema>;
/** POST /hibernations/{id}/resume */
export const startedResumeDtoSchema = z.object({
  hibernation: hibernationDtoSchema,
  machineId: z.string().describe("The machine the image is resumed on"),
});
export type StartedResumeDto = z.infer<typeof startedResumeDtoSchema>;

export const HIBERNATE_API: ApiOperation[] = [
  machineOperation(
    "GET /machines/{id}/hibernate",
    "The machine's hibernation (phases, upload/download progress with bytes, rate and time left, image size, where it is stored, storage cost per month) and the one it was resumed from",
    reply(
      200,
      "{ hibernation: HibernationDto | null, resumedFrom: HibernationDto | null }",
      machineHibernationDtoSchema,
    ),
  ),
  machineOperation(
    "POST /machines/{id}/hibernate",
    "Hibernate: checkpoint every CUDA process with CRIU, upload the image to your object storage, verify it, then destroy the machine (202; poll GET)",
    reply(202, "{ hibernation: HibernationDto }", startedHibernationDtoSchema),
    { errors: [409] },
  ),
  hibernationOperation(
    "GET /hibernations/{id}/offers",
    "Live offers of every provider with the image's GPU model, each with `refusal` (why it cannot take the image: another GPU count, no checkpoint support, an older driver) or null",
    reply(200, "{ offers: [{ provider, offer, refusal }], messages: string[] }", resumeOffersDtoSchema),
  ),
  hibernationOperation(
    "POST /hibernations/{id}/resume",
    "Resume the image on an offer: deploys it, probes it (a driver older than the image's is refused), downloads, checks the SHA-256, restores every process (202; poll GET /machines/{id}/hibernate)",
    reply(202, "{ hibernation: HibernationDto, machineId }", startedResumeDtoSchema),
    { body: resumeSchema, errors: [400, 409] },
  ),
];
