"use client";
import { useEffect, useRef } from "react";

/**
 * The message box. The draft stays editable while a reply streams (sending waits until it ends);
 * Enter sends, Shift+Enter starts a new line; Stop ends the reply and any running command.
 */
export function Composer(props: {
  draft: string;
  onDraft: (text: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  disabled?: boolean;
  placeholder?: string;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Empty: one row. Otherwise grow with the text, up to a limit.
    el.style.height = "auto";
    if (props.draft) el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [props.draft]);
  const canSend = !props.busy && !props.disabled && props.draft.trim().length > 0;
  return (
    <form
      className="flex items-end gap-2 rounded-2xl border border-zinc-700 bg-zinc-900 p-2 focus-within:border-zinc-500"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSend) props.onSend();
      }}
    >
      <textarea
        ref={ref}
        data-testid="composer-input"
        aria-label="Message"
        rows={1}
        value={props.draft}
        placeholder={props.placeholder ?? "Message Caisson…"}
        title="Enter sends, Shift+Enter starts a new line"
        onChange={(e) => props.onDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (canSend) props.onSend();
          }
        }}
        className="max-h-60 min-h-[2.5rem] flex-1 resize-none bg-transparent px-2 py-2 text-[15px] outline-none placeholder:text-zinc-500"
      />
      {props.busy ? (
        <button type="button" data-testid="stop-button" onClick={props.onStop} className="rounded-xl bg-rose-600 px-4 py-2 text-sm font-medium text-white hover:bg-rose-500">
          Stop
        </button>
      ) : (
        <button type="submit" data-testid="send-button" disabled={!canSend} className="rounded-xl bg-sky-600 px-4 py-2 text-sm font-medium text-white enabled:hover:bg-sky-500 disabled:opacity-40">
          Send
        </button>
      )}
    </form>
  );
}
