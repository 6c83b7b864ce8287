"use client";
import hljs from "highlight.js/lib/common";
import { useMemo } from "react";

/** A highlighted block of code (tool input), safe: highlight.js escapes the text. */
export function CodeBlock({ code, language }: { code: string; language?: string }) {
  const html = useMemo(() => {
    const lang = language && hljs.getLanguage(language) ? language : undefined;
    return lang ? hljs.highlight(code, { language: lang }).value : hljs.highlightAuto(code, ["bash", "python", "javascript", "c", "cpp"]).value;
  }, [code, language]);
  return (
    <pre className="hljs m-0 max-h-80 overflow-auto rounded-md bg-[#0d1117] px-3 py-2 text-[13px] leading-5">
      <code dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  );
}
