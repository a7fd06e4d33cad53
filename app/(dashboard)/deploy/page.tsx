import type { Metadata } from "next";
import Link from "next/link";
import { DeployForm, type DeployProvider } from "@/components/machines/deploy-form";
import { getProvider } from "@/lib/catalog/data";
import { listProviderKeys, listSshKeys } from "@/lib/settings";
import { PROVIDER_INFO, SUPPORTED_PROVIDERS } from "@/lib/providers";
import { inSandbox } from "@/lib/providers/endpoints";
import { signedIn } from "@/lib/server/signed-in";

export const metadata: Metadata = { title: "Deploy" };

export default async function DeployPage() {
  const { user, db } = await signedIn("/deploy");
  const [keys, sshKeys] = await Promise.all([listProviderKeys(db, user.id), listSshKeys(db, user.id)]);
  const providers: DeployProvider[] = SUPPORTED_PROVIDERS.map((slug) => ({
    slug,
    label: PROVIDER_INFO[slug].label,
    canStop: PROVIDER_INFO[slug].capabilities.canStop,
    checkpoint: PROVIDER_INFO[slug].capabilities.checkpoint,
    stoppedNote: getProvider(slug)?.paused.summary ?? "",
    hasKey: keys.some((k) => k.provider === slug),
  }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Deploy a GPU machine</h1>
      {/* As on Settings: after DUMONT_SECRET_KEY changed, saved provider keys cannot be used to deploy. */}
      {keys.some((k) => !k.readable) ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Stored keys can no longer be read (the secret key changed). Enter them again in{" "}
          <Link href="/settings" className="underline">
            Settings
          </Link>
          .
        </p>
      ) : null}
      <DeployForm
        providers={providers}
        sshKeys={sshKeys.map((k) => ({ id: k.id, name: k.name, kind: k.kind }))}
        sandbox={inSandbox()}
      />
    </div>
  );
}
