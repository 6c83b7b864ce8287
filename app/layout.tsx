import type { Metadata, Viewport } from "next";
import "highlight.js/styles/github-dark.css";
import "@xterm/xterm/css/xterm.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "Caisson",
  description: "Chat with a model that runs code in its own sandbox",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b0d12" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="h-full font-sans antialiased">{children}</body>
    </html>
  );
}
