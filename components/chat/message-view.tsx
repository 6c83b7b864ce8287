"use client";
import type { ChatMessage } from "@/lib/ai/types";
import { Markdown } from "./markdown";
import { ToolCard, type ToolPartView } from "./tool-card";

/** One message: the user's text in a bubble, the assistant's parts (text, tool cards) in order. */
export function MessageView({ message, streaming = false }: { message: ChatMessage; streaming?: boolean }) {
  if (message.role === "user") {
    const text = message.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
    return (
      <div data-testid="message-user" className="flex justify-end">
        <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-sm bg-sky-900/50 px-4 py-2 text-[15px]">{text}</div>
      </div>
    );
  }
  return (
    <div data-testid="message-assistant" className="text-[15px]">
      {message.parts.map((part, i) => {
        if (part.type === "text") return <Markdown key={i} text={part.text} />;
        if (part.type === "reasoning" && part.text) {
          return (
            <details key={i} className="my-1 text-sm text-zinc-400">
              <summary className="cursor-pointer select-none">Reasoning</summary>
              <div className="whitespace-pre-wrap pl-3">{part.text}</div>
            </details>
          );
        }
        if (part.type.startsWith("tool-")) return <ToolCard key={(part as ToolPartView).toolCallId ?? i} part={part as ToolPartView} streaming={streaming} />;
        return null;
      })}
    </div>
  );
}
