import type { Metadata } from "next";
import { ApiTokenForm } from "@/components/settings/api-token-form";
import { ApiTokenList } from "@/components/settings/api-token-list";
import { GenerateSshKeyForm } from "@/components/settings/generate-ssh-key-form";
import { ProviderKeyForm } from "@/components/settings/provider-key-form";
import { ProviderKeyList } from "@/components/settings/provider-key-list";
import { RegisterSshKeyForm } from "@/components/settings/register-ssh-key-form";
import { SshKeyList } from "@/components/settings/ssh-key-list";
import { ObjectStoreForm } from "@/components/settings/object-store-form";
import { objectStoreDto, storeForUser } from "@/lib/hibernate";
import { listApiTokens, listProviderKeys, listSshKeys } from "@/lib/settings";
import { PROVIDER_INFO, SUPPORTED_PROVIDERS } from "@/lib/providers/registry";
import { inSandbox } from "@/lib/providers/endpoints";
import { signedIn } from "@/lib/server/signed-in";

export const metadata: Metadata = { title: "Settings" };

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-lg border border-slate-200 bg-white/60 p-5">
      <div className="space-y-1">
        <h2 id={id} className="text-xl font-semibold">
          {title}
        </h2>
        <div className="text-sm text-slate-700">{intro}</div>
      </div>
      {children}
    </section>
  );
}

export default async function SettingsPage() {
  const { user, db } = await signedIn("/settings");
  // Lists never open a sealed value, so a lost secret key shows up as flags here, not as a crash.
  const [providerKeys, sshKeys, tokens, store] = await Promise.all([
    listProviderKeys(db, user.id),
    listSshKeys(db, user.id),
    listApiTokens(db, user.id),
    objectStoreDto(db, user.id),
  ]);
  const sandboxStore = store ? null : await storeForUser(db, user.id);
  const keysLost =
    providerKeys.some((k) => !k.readable) || sshKeys.some((k) => k.kind === "generated" && !k.privateKeyReadable);
  const providers = SUPPORTED_PROVIDERS.map((slug) => ({ slug, label: PROVIDER_INFO[slug].label }));
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Settings</h1>
        <p className="text-slate-700">
          Provider keys and SSH keys for deploying, and API tokens for scripts. Signed in as {user.email}.
        </p>
      </div>
      {keysLost ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Stored keys can no longer be read (the secret key changed). Enter them again.
        </p>
      ) : null}

      <Section
        id="provider-keys"
        title="Provider keys"
        intro={
          <>
            <p>
              One API key per provider. It is checked with one cheap call before it is saved, stored encrypted, and
              never shown again except for its last four characters.
            </p>
            {inSandbox() ? (
              <p
                className="mt-2 rounded-md border border-sky-300 bg-sky-50 p-2 text-sky-900"
                data-testid="sandbox-note"
              >
                Sandbox: any key works except one starting with &apos;bad&apos;; nothing real is billed.
              </p>
            ) : null}
          </>
        }
      >
        <ProviderKeyList keys={providerKeys} />
        <ProviderKeyForm providers={providers} />
      </Section>

      <Section
        id="ssh-keys"
        title="SSH keys"
        intro="New machines get these public keys. Generate a pair for the app's own agent (it checkpoints and probes your machines), or register a key you already use."
      >
        <SshKeyList keys={sshKeys} />
        <div className="grid gap-6 md:grid-cols-2">
          <div className="space-y-2">
            <h3 className="font-semibold">Generate a key</h3>
            <GenerateSshKeyForm />
          </div>
          <div className="space-y-2">
            <h3 className="font-semibold">Register a public key</h3>
            <RegisterSshKeyForm />
          </div>
        </div>
      </Section>

      <Section
        id="object-storage"
        title="Object storage"
        intro="An S3-compatible bucket for hibernation images: a hibernated machine's CUDA processes wait there while the machine is destroyed and nothing bills but storage."
      >
        <ObjectStoreForm
          current={store}
          sandboxLabel={sandboxStore?.source === "sandbox" ? sandboxStore.label : null}
        />
      </Section>

      <Section
        id="api-tokens"
        title="API tokens"
        intro="Personal tokens for scripts and the CLI. A token acts as you; it is shown once, stored only as a hash, and can be revoked at any time."
      >
        <ApiTokenForm />
        <ApiTokenList tokens={tokens} />
      </Section>
    </div>
  );
}
