import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV !== "production";

// Content-Security-Policy. Scripts: 'self' plus 'unsafe-inline', because Next.js streams its RSC payload
// and bootstrap as inline <script> tags, and the public pages are prerendered once at build time, so a
// per-request nonce cannot be put into them (nonces force every page to render per request). No
// 'unsafe-eval' in production: nothing here evaluates strings; React's dev build needs it, so only
// `next dev` gets it. Styles: 'unsafe-inline' for the style attributes React and recharts write.
// frame-ancestors 'none': no other site may frame the dashboard (clickjacking).
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "ssh2", "pg-boss", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) as its own step; the build does not
  // repeat it, so `npm start` never fails on a type error in a test file.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Server actions take small forms (names, ids, a pasted public key of at most 16 000 characters):
    // 256 KB is ample and stops a large body before any action code runs (Next's default is 1 MB).
    serverActions: { bodySizeLimit: "256kb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // HSTS only where the request came over HTTPS: `next start` speaks plain HTTP, so HTTPS means a
      // TLS proxy in front that says so in X-Forwarded-Proto (the first hop's value comes first).
      // Sent over plain http it would pin localhost to https for a year, so it is never sent there.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https(?:,.*)?" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
