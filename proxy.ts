import { NextResponse, type NextRequest } from "next/server";

// Optimistic redirect only: a signed-out visit to the signed-in area goes to sign-in and comes back
// after. The real check is requireUser() in app/(dashboard)/layout.tsx.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
// Keep in step with DASHBOARD_NAV in lib/config/site.ts.
const SIGNED_IN_AREA = ["/machines", "/deploy", "/spending", "/settings"];

export function proxy(req: NextRequest) {
  // A path that is not valid percent-encoded UTF-8 (say %ED%A0%80) makes Next answer 500 when it
  // decodes a route's [id] or [slug]: it is the client's error, so say 400 before any route runs.
  try {
    decodeURIComponent(req.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: the URL is not valid UTF-8.\n", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  if (!SIGNED_IN_AREA.some((p) => req.nextUrl.pathname === p || req.nextUrl.pathname.startsWith(`${p}/`)))
    return NextResponse.next();
  if (SESSION_COOKIES.some((c) => req.cookies.has(c))) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

// The signed-in area, and the routes with a dynamic segment (for the check above). Static files and
// the prerendered public pages do not pass through here.
export const config = {
  matcher: [
    "/machines/:path*",
    "/deploy/:path*",
    "/spending/:path*",
    "/settings/:path*",
    "/api/v1/machines/:path+",
    "/api/v1/spending/:path+",
    "/api/v1/hibernations/:path+",
    "/api/ssh-keys/:path*",
    "/providers/:path+",
  ],
};
