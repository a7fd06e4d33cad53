import { NextResponse, type NextRequest } from "next/server";

// Optimistic redirect only: a signed-out visit to the signed-in area goes to sign-in and comes back
// after. The real check is requireUser() in app/(dashboard)/layout.tsx.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(req: NextRequest) {
  if (SESSION_COOKIES.some((c) => req.cookies.has(c))) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

// Keep in step with DASHBOARD_NAV in lib/config/site.ts.
export const config = { matcher: ["/machines/:path*", "/deploy/:path*", "/spending/:path*", "/settings/:path*"] };
