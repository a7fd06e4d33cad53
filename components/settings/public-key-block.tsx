import { CopyButton } from "@/components/ui/copy-button";

/** An OpenSSH public key line, wrapped for reading, with copy and download. */
export function PublicKeyBlock({ id, name, publicKey }: { id: string; name: string; publicKey: string }) {
  return (
    <div className="space-y-2">
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the label names whose key this is; tests and screen readers find it by it. */}
      <pre
        className="whitespace-pre-wrap break-all rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs"
        aria-label={`Public key of ${name}`}
      >
        {publicKey}
      </pre>
      <div className="flex flex-wrap gap-3 text-sm">
        <CopyButton text={publicKey} label="Copy public key" />
        <a
          href={`/api/ssh-keys/${encodeURIComponent(id)}/public`}
          download
          className="text-slate-800 underline"
          aria-label={`Download .pub for ${name}`}
        >
          Download .pub
        </a>
      </div>
    </div>
  );
}
