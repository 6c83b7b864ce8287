"use client";
import { useEffect, useRef, useState } from "react";

interface LanguageInfo {
  id: string;
  label: string;
  version: string;
}

/** A header button listing the sandbox's languages and versions, as read from the image. */
export function LanguagesPanel() {
  const [open, setOpen] = useState(false);
  const [languages, setLanguages] = useState<LanguageInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open || languages) return;
    fetch("/api/languages")
      .then(async (r) => {
        const body = (await r.json()) as { languages?: LanguageInfo[]; error?: { message: string } };
        if (body.languages) setLanguages(body.languages);
        else setError(body.error?.message ?? `HTTP ${r.status}`);
      })
      .catch((e: Error) => setError(e.message));
  }, [open, languages]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    window.addEventListener("mousedown", close);
    return () => window.removeEventListener("mousedown", close);
  }, [open]);
  return (
    <div ref={box} className="relative">
      <button data-testid="languages-button" onClick={() => setOpen((v) => !v)} className="rounded-md border border-zinc-700 px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800">
        Languages
      </button>
      {open && (
        <div data-testid="languages-panel" className="absolute right-0 z-50 mt-1 max-h-[70vh] w-80 overflow-y-auto rounded-lg border border-zinc-700 bg-zinc-900 p-2 shadow-xl">
          {!languages && !error && <div className="p-2 text-xs text-zinc-400">Reading the sandbox image…</div>}
          {error && <div className="p-2 text-xs text-rose-300">{error}</div>}
          {languages && (
            <table className="w-full text-left text-xs">
              <tbody>
                {languages.map((l) => (
                  <tr key={l.id} data-testid="language-row" className="border-b border-zinc-800 last:border-0">
                    <td className="py-1 pr-2 font-medium text-zinc-200">{l.label}</td>
                    <td className="py-1 font-mono text-[11px] text-zinc-400">{l.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
