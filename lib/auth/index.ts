import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { findUserForSignIn } from "@/db/queries/users";
import { whenStarted } from "@/lib/startup";
import { dummyHash, verifyPassword } from "./password";
import { signInSchema } from "./schemas";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

// Email and password only, with JWT sessions (Auth.js requires JWT for credentials). Throttling and
// messages live in the sign-in action; authorize() only answers "this user" or "no".
// Lazy config: the secret is read (or generated) at the first request, not when the build imports this file.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  // A wrong password is not a server error: Auth.js logs each one with a stack trace, so a password
  // spray would flood the logs. Everything else is logged as before.
  logger: {
    error: (e: Error) => {
      // By `type`: the class name is minified in the production build.
      if ((e as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth][error] ${e.name}:`, e);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (raw) => {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        await whenStarted();
        const user = await findUserForSignIn(await getDb(), parsed.data.email);
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), parsed.data.password);
        if (!user || !ok) return null;
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session: ({ session, token }) => {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
