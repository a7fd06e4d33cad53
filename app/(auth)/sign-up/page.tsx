import type { Metadata } from "next";
import { signUpAction } from "@/lib/account/actions";
import { AuthForm } from "@/components/auth/auth-form";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Create an account</h1>
      <AuthForm
        mode="sign-up"
        action={signUpAction}
        callbackUrl={callbackUrl ? safeCallbackPath(callbackUrl) : undefined}
      />
    </div>
  );
}
