import type { Metadata } from "next";
import { signInAction } from "@/lib/account/actions";
import { AuthForm } from "@/components/auth/auth-form";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <AuthForm
        mode="sign-in"
        action={signInAction}
        callbackUrl={callbackUrl ? safeCallbackPath(callbackUrl) : undefined}
      />
    </div>
  );
}
