import Link from "next/link";
import { getProvider } from "@/lib/catalog/data";

/** "TensorDock · HOSTKEY": links to the provider pages a decision case names. */
export function ProviderLinks({ slugs }: { slugs: string[] }) {
  return (
    <>
      {slugs.map((s, i) => (
        <span key={s}>
          {i > 0 ? " · " : ""}
          <Link href={`/providers/${s}`} className="underline">
            {getProvider(s)?.name}
          </Link>
        </span>
      ))}
    </>
  );
}
