import { z } from "zod";
import { SUPPORTED_PROVIDERS } from "@/lib/providers/registry";

// Forms send numbers as text, scripts as numbers; nothing else is a number. (z.coerce took true as 1,
// [5] as 5, and null, [] or "" as 0.) Blank text counts as missing, so a default or "required" applies.
const numeric = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v)) : v);
const num = <T extends z.ZodType>(inner: T) => z.preprocess(numeric, inner);
// Free text we store: no control characters (Postgres text cannot hold a NUL; the insert would fail).
const NO_CONTROL = /^[^\x00-\x1F\x7F]*$/;

const id = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9:@._-]+$/, "Use the id shown in the list.");

export const machineName = z
  .string({ error: "Give the machine a name." })
  .trim()
  .min(1, "Give the machine a name.")
  .max(40, "Use at most 40 characters.")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "Use letters, digits, dots, dashes and underscores, starting with a letter or digit.",
  );

export const deploySchema = z.object({
  provider: z.enum(SUPPORTED_PROVIDERS, { error: "Choose a provider." }),
  // Offer ids are the provider's own ("SECURE:NVIDIA H100 80GB HBM3"): any printable text, bounded.
  offerId: z
    .string({ error: "Pick an offer." })
    .trim()
    .min(1, "Pick an offer.")
    .max(200)
    .regex(/^[\x20-\x7e]+$/, "Pick an offer from the list.")
    .describe("From GET /offers"),
  gpuCount: num(
    z
      .number({ error: "Enter a GPU count." })
      .int("Use a whole number.")
      .min(1, "At least 1 GPU.")
      .max(8, "At most 8 GPUs."),
  ),
  diskGb: num(
    z
      .number({ error: "Enter a disk size." })
      .int("Use a whole number of GB.")
      .min(20, "At least 20 GB.")
      .max(4000, "At most 4000 GB."),
  ),
  image: z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/,
      "Use an image name like ubuntu-22.04 or nvidia/cuda:12.4.1-runtime-ubuntu22.04.",
    )
    .default("ubuntu-22.04"),
  sshKeyId: z
    .string({ error: "Choose an SSH key." })
    .trim()
    .min(1, "Choose an SSH key.")
    .max(80)
    .describe("From GET /ssh-keys"),
  name: machineName,
  /** Sent by the form once per page load: a double click orders one machine. */
  requestKey: z
    .string()
    .trim()
    .min(4)
    .max(80)
    .regex(NO_CONTROL)
    .optional()
    .describe("Idempotency key: the same key returns the same machine"),
});
export type DeployInput = z.infer<typeof deploySchema>;

export const byoSchema = z.object({
  name: machineName,
  host: z
    .string({ error: "Enter the server's host name or IP." })
    .trim()
    .min(1, "Enter the server's host name or IP.")
    .max(253)
    .regex(/^[A-Za-z0-9.:-]+$/, "Enter a host name or an IP address."),
  port: num(
    z
      .number({ error: "Use a port from 1 to 65535." })
      .int("Use a port from 1 to 65535.")
      .min(1, "Use a port from 1 to 65535.")
      .max(65535, "Use a port from 1 to 65535.")
      .default(22),
  ),
  user: z
    .string()
    .trim()
    .min(1, "Enter the SSH user.")
    .max(32)
    .regex(/^[a-z_][a-z0-9_-]*$/, "Use a Unix user name like ubuntu or root."),
  sshKeyId: z.string({ error: "Choose an SSH key." }).trim().min(1, "Choose an SSH key.").max(80),
  gpuModel: z
    .string()
    .trim()
    .max(40)
    .regex(NO_CONTROL, "Use letters, digits, spaces and punctuation only.")
    .default("GPU"),
  gpuCount: num(
    z
      .number({ error: "Enter a GPU count." })
      .int("Use a whole number.")
      .min(0, "At least 0 GPUs.")
      .max(16, "At most 16 GPUs.")
      .default(1),
  ),
  pricePerHour: num(
    z
      .number({ error: "Enter a price per hour, like 1.20." })
      .min(0, "A price cannot be negative.")
      .max(1000, "At most $1000 per hour.")
      .default(0),
  ),
  provider: z
    .string()
    .trim()
    .max(40)
    .regex(NO_CONTROL, "Use letters, digits, spaces and punctuation only.")
    .default("byo"),
});

export const destroySchema = z.object({ id, confirmName: z.string().trim().max(80) });
export const machineIdSchema = z.object({ id });
