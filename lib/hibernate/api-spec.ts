import { z } from "zod";
import type { ApiOperation } from "@/lib/api/openapi/operation";
import { hibernationDtoSchema, machineHibernationDtoSchema, resumeOffersDtoSchema } from "./hibernation-dto";
import { resumeSchema } from "./schemas";

// The hibernate API: hibernate a machine into an image in the user's object storage, and resume the
// image on an offer anywhere (app/api/v1/machines/[id]/hibernate, app/api/v1/hibernations/[id]/…).

const machineId = z.object({ id: z.string().describe("Machine id") });
const hibernationId = z.object({ id: z.string().describe("Hibernation id") });

/** POST /machines/{id}/hibernate */
export const startedHibernationDtoSchema = z.object({ hibernation: hibernationDtoSchema });
export type StartedHibernationDto = z.infer<typeof startedHibernationDtoSchema>;
/** POST /hibernations/{id}/resume */
export const startedResumeDtoSchema = z.object({ hibernation: hibernationDtoSchema, machineId: z.string().describe("The machine the image is resumed on") });
export type StartedResumeDto = z.infer<typeof startedResumeDtoSchema>;

export const HIBERNATE_API: ApiOperation[] = [
  {
    method: "get",
    path: "/machines/{id}/hibernate",
    summary:
      "The machine's hibernation (phases, upload/download progress with bytes, rate and time left, image size, where it is stored, storage cost per month) and the one it was resumed from",
    pathParams: machineId,
    responses: { 200: { description: "{ hibernation: HibernationDto | null, resumedFrom: HibernationDto | null }", json: machineHibernationDtoSchema } },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/machines/{id}/hibernate",
    summary: "Hibernate: checkpoint every CUDA process with CRIU, upload the image to your object storage, verify it, then destroy the machine (202; poll GET)",
    pathParams: machineId,
    responses: { 202: { description: "{ hibernation: HibernationDto }", json: startedHibernationDtoSchema } },
    errors: [401, 404, 409],
  },
  {
    method: "get",
    path: "/hibernations/{id}/offers",
    summary:
      "Live offers of every provider with the image's GPU model, each with `refusal` (why it cannot take the image: another GPU count, no checkpoint support, an older driver) or null",
    pathParams: hibernationId,
    responses: { 200: { description: "{ offers: [{ provider, offer, refusal }], messages: string[] }", json: resumeOffersDtoSchema } },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/hibernations/{id}/resume",
    summary:
      "Resume the image on an offer: deploys it, probes it (a driver older than the image's is refused), downloads, checks the SHA-256, restores every process (202; poll GET /machines/{id}/hibernate)",
    pathParams: hibernationId,
    body: resumeSchema,
    responses: { 202: { description: "{ hibernation: HibernationDto, machineId }", json: startedResumeDtoSchema } },
    errors: [400, 401, 404, 409],
  },
];
