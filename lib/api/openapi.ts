// The public API, described for scripts (OpenAPI 3.1). Every path but /catalog, /live-prices and /health needs
// `Authorization: Bearer <token>` (Settings → API tokens). Money is integer micro-dollars.

const err = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const json = (ref: string, description = "OK") => ({ description, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const secured = { security: [{ bearer: [] }] };

export const OPENAPI = {
  openapi: "3.1.0",
  info: { title: "DumontCloud API", version: "1", description: "GPU machines across clouds, with cuda-checkpoint state and spending. Money: integer micro-dollars (1 USD = 1,000,000)." },
  servers: [{ url: "/api/v1" }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token from Settings → API tokens (dcl_…)" } },
    schemas: {
      Error: { type: "object", required: ["error"], properties: { error: { type: "string" }, fieldErrors: { type: "object", additionalProperties: { type: "string" } } } },
      Machine: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          provider: { type: "string" },
          status: { type: "string", enum: ["requested", "creating", "booting", "running", "stopping", "stopped", "starting", "destroying", "destroyed", "failed"] },
          statusDetail: { type: ["string", "null"] },
          gpuModel: { type: "string" },
          gpuCount: { type: "integer" },
          pricePerHourMicros: { type: "integer" },
          stoppedPricePerHourMicros: { type: ["integer", "null"] },
          priceParts: {
            type: "array",
            description: "Every billed part as quoted at order time (GPU, vCPU, RAM, disk…); they add up to pricePerHourMicros",
            items: { type: "object", properties: { label: { type: "string" }, pricePerHourMicros: { type: "integer" }, whileStopped: { type: "boolean" } } },
          },
          canStop: { type: "boolean" },
          checkpointCapable: { type: "boolean" },
          ssh: { type: ["object", "null"], properties: { host: { type: "string" }, port: { type: "integer" }, user: { type: "string" }, command: { type: "string" } } },
          costSoFarMicros: { type: "integer" },
          rateNowMicros: { type: "integer" },
          failureReason: { type: ["string", "null"] },
          cleanupAlert: { type: ["string", "null"] },
        },
      },
      MachineDetail: { type: "object", properties: { machine: { $ref: "#/components/schemas/Machine" }, events: { type: "array", items: { type: "object", properties: { step: { type: "string" }, outcome: { type: "string" }, message: { type: "string" }, at: { type: "string", format: "date-time" } } } } } },
      DeployRequest: {
        type: "object",
        required: ["provider", "offerId", "sshKeyId", "name"],
        properties: {
          provider: { type: "string", enum: ["tensordock", "vastai", "runpod", "lambda", "hostkey"] },
          offerId: { type: "string", description: "From GET /offers" },
          gpuCount: { type: "integer", minimum: 1, maximum: 8, default: 1 },
          diskGb: { type: "integer", minimum: 20, maximum: 4000, default: 100 },
          image: { type: "string", default: "ubuntu-22.04" },
          sshKeyId: { type: "string", description: "From GET /ssh-keys" },
          name: { type: "string", maxLength: 40 },
          requestKey: { type: "string", description: "Idempotency key: the same key returns the same machine" },
        },
      },
    },
  },
  paths: {
    "/catalog": { get: { summary: "The GPU cloud catalog (providers, prices, checkpoint evidence)", responses: { 200: { description: "Catalog" } } } },
    "/live-prices": {
      get: {
        summary: "Today's lowest price per GPU-hour per provider and GPU model, with when each was read (no sign-in); refreshed every 15 minutes",
        responses: { 200: { description: "{ refreshEverySeconds, prices: [{ provider, gpu, perGpuHourMicros, offers, asOf, stale }], providers: [{ provider, status, checkedAt }] }" } },
      },
    },
    "/offers": { get: { ...secured, summary: "Live offers of one provider (cached ~1 min)", parameters: [{ name: "provider", in: "query", required: true, schema: { type: "string" } }], responses: { 200: { description: "Offers" }, 400: err, 401: err } } },
    "/ssh-keys": { get: { ...secured, summary: "Your SSH keys (public halves)", responses: { 200: { description: "Keys" }, 401: err } } },
    "/machines": {
      get: { ...secured, summary: "Your machines", parameters: [{ name: "all", in: "query", schema: { type: "string", enum: ["1"] }, description: "Include destroyed ones" }], responses: { 200: { description: "Machines" }, 401: err } },
      post: { ...secured, summary: "Deploy a machine (returns at once; a job orders it)", requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/DeployRequest" } } } }, responses: { 202: json("MachineDetail", "Accepted"), 200: json("MachineDetail", "Same request key: the existing machine"), 400: err, 401: err, 409: err, 413: err, 502: err } },
    },
    "/machines/{id}": {
      get: { ...secured, summary: "One machine with its steps", parameters: [idParam], responses: { 200: json("MachineDetail"), 401: err, 404: err } },
      delete: { ...secured, summary: "Destroy (ends billing, erases the disk)", parameters: [idParam, { name: "confirm", in: "query", schema: { type: "string" }, description: "The machine's name; checked when given" }], responses: { 202: json("MachineDetail", "Accepted"), 400: err, 401: err, 404: err } },
    },
    "/machines/{id}/stop": { post: { ...secured, summary: "Stop (where the provider can)", parameters: [idParam], responses: { 202: json("MachineDetail", "Accepted"), 401: err, 404: err, 409: err } } },
    "/machines/{id}/start": { post: { ...secured, summary: "Start a stopped machine", parameters: [idParam], responses: { 202: json("MachineDetail", "Accepted"), 401: err, 404: err, 409: err } } },
  } as Record<string, unknown>,
};
