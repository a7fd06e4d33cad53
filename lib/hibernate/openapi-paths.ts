// OpenAPI 3.1 path items of the hibernate routes (relative to /api/v1), spread into the document by
// app/api/v1/openapi.json/route.ts. Same auth as the machines API.

const id = (what: string) => ({ name: "id", in: "path", required: true, schema: { type: "string" }, description: what }) as const;
const err = { description: "Error", content: { "application/json": { schema: { type: "object", properties: { error: { type: "string" }, fieldErrors: { type: "object" } }, required: ["error"] } } } } as const;
const json = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });

export const HIBERNATE_OPENAPI_PATHS = {
  "/machines/{id}/hibernate": {
    get: {
      summary: "The machine's hibernation (phases, upload/download progress with bytes, rate and time left, image size, where it is stored, storage cost per month) and the one it was resumed from",
      parameters: [id("Machine id")],
      responses: { "200": json("{ hibernation: HibernationDto | null, resumedFrom: HibernationDto | null }"), "401": err, "404": err },
    },
    post: {
      summary: "Hibernate: checkpoint every CUDA process with CRIU, upload the image to your object storage, verify it, then destroy the machine (202; poll GET)",
      parameters: [id("Machine id")],
      responses: { "202": json("{ hibernation: HibernationDto }"), "401": err, "404": err, "409": err },
    },
  },
  "/hibernations/{id}/offers": {
    get: {
      summary: "Live offers of every provider with the image's GPU model, each with `refusal` (why it cannot take the image: another GPU count, no checkpoint support, an older driver) or null",
      parameters: [id("Hibernation id")],
      responses: { "200": json("{ offers: [{ provider, offer, refusal }], messages: string[] }"), "401": err, "404": err },
    },
  },
  "/hibernations/{id}/resume": {
    post: {
      summary: "Resume the image on an offer: deploys it, probes it (a driver older than the image's is refused), downloads, checks the SHA-256, restores every process (202; poll GET /machines/{id}/hibernate)",
      parameters: [id("Hibernation id")],
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["provider", "offerId"], properties: { provider: { type: "string" }, offerId: { type: "string" } } } } } },
      responses: { "202": json("{ hibernation: HibernationDto, machineId }"), "400": err, "401": err, "404": err, "409": err },
    },
  },
} as const;
