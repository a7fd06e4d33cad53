// Our machine id travels in the instance name (or label/hostname), because that is the one field
// every provider lets us set and returns in its list. After a lost create reply, listInstances
// finds the instance again by this tag, so a retry never orders a second machine.
//
// Format: "dm-<machineId>--<name>"; "--" ends the id, so ids may not contain it.
// Only [a-z0-9-] survive every provider (HOSTKEY uses it as a hostname).

import type { Instance, ProviderSlug } from "../types";

const PREFIX = "dm-";
const SEP = "--";
const MACHINE_ID = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

export function assertMachineId(machineId: string): void {
  if (machineId.length > 40 || !MACHINE_ID.test(machineId)) {
    throw new Error(`machineId must be letters, digits and single dashes, at most 40 characters; got "${machineId}"`);
  }
}

/** Builds the provider-side name: the tag first (never truncated), then as much of `name` as fits. */
export function taggedName(machineId: string, name: string, maxLength = 60): string {
  assertMachineId(machineId);
  const head = `${PREFIX}${machineId}`;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  const room = maxLength - head.length - SEP.length;
  if (!slug || room <= 0) return head;
  return `${head}${SEP}${slug.slice(0, room).replace(/-+$/, "")}`;
}

/** Our machine id from a provider-side name, or null for instances we did not create. */
export function machineIdFromName(name: string | null | undefined): string | null {
  if (!name?.startsWith(PREFIX)) return null;
  const rest = name.slice(PREFIX.length);
  const end = rest.indexOf(SEP);
  const id = end === -1 ? rest : rest.slice(0, end);
  return id && MACHINE_ID.test(id) ? id : null;
}

/** The fields of an Instance its provider gives by id and name: our machine id comes back from the tag. */
export function taggedInstance(
  provider: ProviderSlug,
  id: string,
  name: string | null | undefined,
): Pick<Instance, "id" | "provider" | "machineId" | "name"> {
  return { id, provider, machineId: machineIdFromName(name), name: name ?? null };
}
