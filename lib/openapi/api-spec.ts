import { z } from "zod";
import type { ApiOperation } from "@/lib/api/openapi/operation";

// The document describes where it is served (app/api/v1/openapi.json).

export const OPENAPI_API: ApiOperation[] = [
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document (OpenAPI 3.1), built from the schemas the API parses and answers with (no sign-in)",
    public: true,
    responses: { 200: { description: "OpenAPI 3.1 document", json: z.object({ openapi: z.string() }).loose() } },
  },
];
