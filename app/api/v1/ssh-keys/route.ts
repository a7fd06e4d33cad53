import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { type SshKeyListDto, listSshKeys } from "@/lib/settings";

export const dynamic = "force-dynamic";

/** The user's SSH keys (public halves only), to pick `sshKeyId` for a deploy. */
export const GET = withUser(async ({ db, userId }) => {
  const keys = await listSshKeys(db, userId);
  return NextResponse.json<SshKeyListDto>({
    sshKeys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      fingerprint: k.fingerprint,
      kind: k.kind,
      publicKey: k.publicKey,
    })),
  });
});
