import { z } from "zod";
import { type ApiOperation, operation, reply } from "@/lib/api/openapi/operation";

// The document describes where it is served (app/api/v1/openapi.json).

export const OPENAPI_API: ApiOperation[] = [
  operation(
    "GET /openapi.json",
    "This document (OpenAPI 3.1), built from the schemas the API parses and answers with (no sign-in)",
    reply(200, "OpenAPI 3.1 document", z.object({ openapi: z.string() }).loose()),
    { public: true },
  ),
];
