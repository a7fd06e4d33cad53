import type { Metadata } from "next";
import "./globals.css";
import { SITE } from "@/lib/config/site";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = {
  title: { default: `${SITE.name}: ${SITE.tagline}`, template: `%s · ${SITE.name}` },
  description:
    "Compare GPU clouds by price and by whether they let you run NVIDIA cuda-checkpoint, deploy on the right one, and pause work without losing it.",
  metadataBase: new URL(getEnv().publicUrl),
  icons: { icon: "/favicon.svg" },
  openGraph: {
    type: "website",
    siteName: SITE.name,
    images: [{ url: "/og.png", width: 1200, height: 630, alt: `${SITE.name}: ${SITE.tagline}` }],
  },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
