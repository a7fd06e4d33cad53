import type { ProviderSlug } from "@/lib/providers/types";

/** A saved provider key as the browser may see it: no key, only its last four characters. */
export interface ProviderKeyDto {
  id: string;
  provider: ProviderSlug;
  /** Human name ("Vast.ai"). */
  label: string;
  last4: string;
  createdAt: Date;
  /** False when the secret key changed since it was saved: it must be entered again. */
  readable: boolean;
}
