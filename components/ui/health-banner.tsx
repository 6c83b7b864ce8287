"use client";
import { useEffect, useState } from "react";

interface Health {
  ok: boolean;
  problems: string[];
}

/** Shows what is wrong with the server (Docker down, image missing, firewall off) and how to fix it. */
export function HealthBanner() {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      try {
        const response = await fetch("/api/health", { cache: "no-store" });
        if (!stopped) setHealth((await response.json()) as Health);
      } catch {
        if (!stopped) setHealth({ ok: false, problems: ["The Caisson server is not answering."] });
      }
    };
    void check();
    const timer = setInterval(check, 15_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  if (!health || health.ok) return null;
  return (
    <div data-testid="health-banner" role="status" className="border-b border-amber-800 bg-amber-950/70 px-4 py-2 text-sm text-amber-100">
      {health.problems.map((p) => (
        <div key={p} className="break-words">
          ⚠ {p}
        </div>
      ))}
    </div>
  );
}
