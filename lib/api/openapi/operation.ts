import { z } from "zod";

// One operation of the public API as a feature declares it (lib/<feature>/api-spec.ts): the document
// (document.ts) is built from these and the zod schemas they name, so it says what the code parses
// and returns.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface ApiResponse {
  description: string;
  /** The JSON body's schema; left out where the body is not described. */
  json?: z.core.$ZodType;
  /** The body is (or can be, with json too) CSV text. */
  csv?: true;
}

export interface ApiOperation {
  method: HttpMethod;
  /** Relative to the document's server (/api/v1), with {name} for path parameters. */
  path: string;
  summary: string;
  /** Public: no token needed. Every other operation takes `Authorization: Bearer <token>` or the browser's session. */
  public?: true;
  /** One string field per {name} in the path; each field's description is the parameter's. */
  pathParams?: z.ZodObject;
  /** The query string, read as input: optional fields are optional parameters. */
  query?: z.ZodObject;
  /** The JSON request body, read as input (defaults make a field optional). */
  body?: z.core.$ZodType;
  /** Success statuses. */
  responses: Record<number, ApiResponse>;
  /** Error statuses, answered with the Error body; a description in place of the plain "Error". */
  errors?: (number | { status: number; description: string })[];
}

type Route = `${Uppercase<HttpMethod>} /${string}`;
type OperationRest = Omit<ApiOperation, "method" | "path" | "summary" | "responses">;

/** An operation in one call: its route as "GET /path", what it does, its success answers, and the rest. */
export function operation(
  route: Route,
  summary: string,
  responses: ApiOperation["responses"],
  rest: OperationRest = {},
): ApiOperation {
  const [method, path] = route.split(" ") as [Uppercase<HttpMethod>, string];
  return { method: method.toLowerCase() as HttpMethod, path, summary, ...rest, responses };
}

/** One success answer: `status` with a JSON body (`json`), described by `description`. */
export function reply(status: number, description: string, json: z.core.$ZodType): ApiOperation["responses"] {
  return { [status]: { description, json } };
}

/**
 * The operation builder for paths with one {id} naming something of the user's (`idDescription` says
 * what): each takes that id, and each can answer 401 (not signed in) and 404 (no such id among the
 * user's), so `rest.errors` lists only the others.
 */
export function operationsOnId(idDescription: string) {
  const pathParams = z.object({ id: z.string().describe(idDescription) });
  return (
    route: Route,
    summary: string,
    responses: ApiOperation["responses"],
    { errors = [], ...rest }: OperationRest = {},
  ) => operation(route, summary, responses, { ...rest, pathParams, errors: [401, 404, ...errors] });
}

/** Operations on /machines/{id}…. */
export const machineOperation = operationsOnId("Machine id");
