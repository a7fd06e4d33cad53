import { z } from "zod";
import { type ApiOperation, operation, reply } from "@/lib/api/openapi/operation";

// The user's SSH keys for scripts, to pick sshKeyId for a deploy (app/api/v1/ssh-keys).

export const sshKeyListDtoSchema = z.object({
  sshKeys: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      fingerprint: z.string().describe("SHA256:…, as ssh-keygen -lf prints it"),
      kind: z
        .enum(["generated", "registered"])
        .describe("generated: the app holds the sealed private half for its agent; registered: public half only"),
      publicKey: z.string().describe("One OpenSSH line"),
    }),
  ),
});
export type SshKeyListDto = z.infer<typeof sshKeyListDtoSchema>;

export const SSH_KEYS_API: ApiOperation[] = [
  operation("GET /ssh-keys", "Your SSH keys (public halves)", reply(200, "Keys", sshKeyListDtoSchema), {
    errors: [401],
  }),
];
