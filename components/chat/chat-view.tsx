"use client";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useEffect, useMemo, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/ai/types";
import { Composer } from "./composer";
import { MessageView } from "./message-view";
import { ModelPicker, type ModelChoice } from "./model-picker";

const draftKey = (chatId: string) => `caisson:draft:${chatId}`;
export const pendingKey = (chatId: string) => `caisson:pending:${chatId}`;

/** The conversation: messages streaming in, errors with a retry, the composer and the model picker. */
export function ChatView(props: {
  chatId: string;
  initialMessages: ChatMessage[];
  models: ModelChoice[];
  modelId: string;
  onActivity: () => void;
}) {
  const [modelId, setModelId] = useState(props.modelId);
  const modelRef = useRef(modelId);
  modelRef.current = modelId;
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        // The server keeps the history: send only the new message (and which model to use).
        prepareSendMessagesRequest: ({ id, messages, trigger, messageId }) => ({
          body: { id, messages: messages.slice(-1), trigger, messageId, model: modelRef.current },
        }),
      }),
    [],
  );
  const { messages, sendMessage, status, stop, error, regenerate, clearError } = useChat<ChatMessage>({
    id: props.chatId,
    messages: props.initialMessages,
    transport,
    onFinish: () => props.onActivity(),
  });
  const [draft, setDraft] = useState("");
  const busy = status === "submitted" || status === "streaming";
  const bottom = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  // Drafts survive a reload; a message typed on the start page arrives through sessionStorage.
  useEffect(() => {
    setDraft(localStorage.getItem(draftKey(props.chatId)) ?? "");
    const pending = sessionStorage.getItem(pendingKey(props.chatId));
    if (pending) {
      sessionStorage.removeItem(pendingKey(props.chatId));
      void sendMessage({ text: pending });
      setTimeout(props.onActivity, 400); // the server names the chat when it stores the message
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.chatId]);
  useEffect(() => {
    if (draft) localStorage.setItem(draftKey(props.chatId), draft);
    else localStorage.removeItem(draftKey(props.chatId));
  }, [draft, props.chatId]);
  useEffect(() => {
    if (stick.current) bottom.current?.scrollIntoView({ block: "end" });
  }, [messages, status]);

  const send = () => {
    const text = draft.trim();
    if (!text || busy) return;
    setDraft("");
    clearError();
    void sendMessage({ text });
    setTimeout(props.onActivity, 400);
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div
        className="min-h-0 flex-1 overflow-y-auto"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
      >
        <div className="mx-auto flex max-w-3xl flex-col gap-5 px-4 py-6">
          {messages.length === 0 && <EmptyState offline={props.models.find((m) => m.id === modelId)?.offline ?? false} />}
          {messages.map((m, i) => (
            <MessageView key={m.id} message={m} streaming={busy && i === messages.length - 1} />
          ))}
          {status === "submitted" && (
            <div data-testid="thinking" className="flex items-center gap-2 text-sm text-zinc-400">
              <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-zinc-400" /> Thinking…
            </div>
          )}
          {error && (
            <div data-testid="chat-error" role="alert" className="rounded-lg border border-rose-800 bg-rose-950/50 px-4 py-3 text-sm">
              <div className="font-medium text-rose-200">The reply failed</div>
              <div className="mt-1 text-rose-200/90">{error.message}</div>
              <button
                data-testid="retry-button"
                onClick={() => {
                  clearError();
                  void regenerate();
                }}
                className="mt-2 rounded-md bg-rose-800 px-3 py-1 text-xs font-medium text-white hover:bg-rose-700"
              >
                Retry
              </button>
            </div>
          )}
          <div ref={bottom} />
        </div>
      </div>
      <div className="mx-auto w-full max-w-3xl px-3 pb-3">
        <Composer draft={draft} onDraft={setDraft} onSend={send} onStop={() => void stop()} busy={busy} />
        <div className="mt-1.5 flex items-center justify-between gap-2 px-1 text-xs text-zinc-500">
          <ModelPicker
            models={props.models}
            value={modelId}
            onChange={(id) => {
              setModelId(id);
              void fetch(`/api/chats/${props.chatId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: id }) });
            }}
          />
          <span className="hidden sm:inline">Code runs in this chat&apos;s own sandbox. No network.</span>
        </div>
      </div>
    </div>
  );
}

function EmptyState({ offline }: { offline: boolean }) {
  return (
    <div className="mt-16 text-center text-zinc-400">
      <div className="text-2xl font-semibold text-zinc-200">What should we run?</div>
      <p className="mt-2 text-sm">This chat has its own Linux sandbox: Python, TypeScript, Go, Rust, Java, C/C++ and more, files in /mnt/data.</p>
      {offline && (
        <p data-testid="offline-hint" className="mx-auto mt-4 max-w-md rounded-lg border border-amber-800/60 bg-amber-950/30 px-3 py-2 text-sm text-amber-200">
          No model provider is configured, so the <b>offline model</b> answers: it runs the fenced code blocks and <code>$ </code> lines of your message and reports
          the results.
        </p>
      )}
    </div>
  );
}
