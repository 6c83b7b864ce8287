"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AppShell } from "./app-shell";
import { pendingKey } from "./chat/chat-view";
import { Composer } from "./chat/composer";
import { type ModelChoice, ModelPicker } from "./chat/model-picker";
import type { ChatListItem } from "./ui/sidebar";

/** The start page: type the first message; the chat is created and opened with it. */
export function StartApp(props: { chats: ChatListItem[]; models: ModelChoice[]; defaultModel: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState("");
  const [model, setModel] = useState(props.defaultModel);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offline = props.models.find((m) => m.id === model)?.offline;
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/chats", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model }) });
      const body = (await response.json()) as { chat?: { id: string }; error?: { message: string } };
      if (!body.chat) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      sessionStorage.setItem(pendingKey(body.chat.id), draft.trim());
      router.push(`/chat/${body.chat.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <AppShell chats={props.chats} title="New chat">
      {() => (
        <div className="flex h-full flex-col items-center justify-center px-4">
          <div className="w-full max-w-2xl">
            <h2 className="text-center text-2xl font-semibold text-zinc-100">What should we run?</h2>
            <p className="mt-2 text-center text-sm text-zinc-400">Each chat gets its own Linux sandbox: Python, TypeScript, Go, Rust, Java, C/C++ and more, files in /mnt/data, no network.</p>
            {offline && (
              <p data-testid="offline-hint" className="mx-auto mt-4 rounded-lg border border-amber-800/60 bg-amber-950/30 px-3 py-2 text-sm text-amber-200">
                No model provider is configured, so the <b>offline model</b> answers: it runs the fenced code blocks and <code>$ </code> lines of your message. Add
                OPENAI_API_KEY, ANTHROPIC_API_KEY or an OpenAI-compatible endpoint to talk to a real model.
              </p>
            )}
            <div className="mt-6">
              <Composer draft={draft} onDraft={setDraft} onSend={() => void start()} onStop={() => {}} busy={false} disabled={busy} placeholder="Ask something, or paste code to run…" />
              <div className="mt-1.5 px-1">
                <ModelPicker models={props.models} value={model} onChange={setModel} />
              </div>
              {error && <div className="mt-2 text-sm text-rose-300">{error}</div>}
            </div>
          </div>
        </div>
      )}
    </AppShell>
  );
}
