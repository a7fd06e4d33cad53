import type { Metadata } from "next";
import { RegisterForm } from "@/components/machines/register-form";
import { listSshKeys } from "@/lib/settings";
import { signedIn } from "@/lib/server/signed-in";

export const metadata: Metadata = { title: "Register your own server" };

export default async function RegisterPage() {
  const { user, db } = await signedIn("/machines/register");
  const keys = await listSshKeys(db, user.id);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Register your own server</h1>
      <p className="max-w-2xl text-slate-700">
        A HOSTKEY bare-metal server ordered by hand, or any GPU box you can reach over SSH. It gets the same machine
        page, without provisioning; put the SSH key&apos;s public half in the server&apos;s authorized_keys.
      </p>
      <RegisterForm sshKeys={keys.map((k) => ({ id: k.id, name: k.name }))} />
    </div>
  );
}
