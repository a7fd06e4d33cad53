// OpenAPI 3.1 path items of the agent routes, for app/api/v1/openapi.json/route.ts to spread into
// its `paths` (that file did not exist when these routes were written). Same auth as the machines
// API: `Authorization: Bearer <token>` or the browser session.

const id = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Machine id" } as const;
const err = { description: "Error", content: { "application/json": { schema: { type: "object", properties: { error: { type: "string" } }, required: ["error"] } } } } as const;
const json = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });

export const AGENT_OPENAPI_PATHS = {
  "/api/v1/machines/{id}/probe": {
    get: {
      summary: "Last readiness verdict for cuda-checkpoint (ready, or each reason and how to fix it), with its date",
      parameters: [id],
      responses: { "200": json("ProbeDto: probe, verdict {at, ready, criuReady, reasons[]}, probing, hostKeyAlert, agentKeyProblem"), "401": err, "404": err },
    },
    post: { summary: "Run a probe now (poll GET until probing is false)", parameters: [id], responses: { "202": json("ProbeDto"), "401": err, "404": err, "409": err } },
  },
  "/api/v1/machines/{id}/processes": {
    get: {
      summary: "CUDA processes with their checkpoint state; each call keeps the live refresh going for 30 s (?watch=0 only reads)",
      parameters: [id, { name: "watch", in: "query", required: false, schema: { type: "string", enum: ["0", "1"] } }],
      responses: { "200": json("ProcessesDto: refreshedAt, refreshError, processes[{pid, name, usedMemoryMiB, state, stateError, checkpointed, inCriuImage, activeOperation}]"), "401": err, "404": err },
    },
  },
  "/api/v1/machines/{id}/checkpoints": {
    get: { summary: "Checkpoint and restore history, newest first", parameters: [id], responses: { "200": json("{ operations: OperationDto[] }"), "401": err, "404": err } },
    post: {
      summary: "Checkpoint or restore one process (202 with the queued operation; poll GET for its end)",
      parameters: [id],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["pid", "action"],
              properties: { pid: { type: "integer", minimum: 1 }, action: { type: "string", enum: ["checkpoint", "restore"] }, criu: { type: "boolean", description: "Also dump the whole process to disk with CRIU (where the probe says CRIU is ready)" } },
            },
          },
        },
      },
      responses: { "202": json("{ operation: OperationDto }"), "400": err, "401": err, "404": err, "409": { ...err, description: "Refused: not ready (with the reasons), host key changed, or an operation on this PID is already queued or running" } },
    },
  },
  "/api/v1/machines/{id}/setup": {
    get: { summary: "Latest setup run with its output so far", parameters: [id], responses: { "200": json("{ run: SetupRunDto | null }"), "401": err, "404": err } },
    post: { summary: "Start the setup guide (driver 570+, cuda-checkpoint, persistence mode), then a probe", parameters: [id], responses: { "202": json("{ run: SetupRunDto }"), "401": err, "404": err, "409": err } },
  },
} as const;
