"use client";
import { useEffect, useRef, useState } from "react";
import { followTerminalStream } from "./event-stream";
import { XtermView, type XtermHandle } from "./xterm-view";

type Tab = "transcript" | "shell";

/**
 * The terminal pane: the transcript of everything run in this chat's sandbox (replayed after a
 * reload, live while commands run, with a line to run your own command) and an interactive shell.
 */
export function TerminalPane({ chatId, onCollapse }: { chatId: string; onCollapse?: () => void }) {
  const [tab, setTab] = useState<Tab>("transcript");
  const [shellOpened, setShellOpened] = useState(false);
  const tabButton = (id: Tab, label: string) => (
    <button
      data-testid={`tab-${id}`}
      onClick={() => {
        setTab(id);
        if (id === "shell") setShellOpened(true);
      }}
      className={`rounded-md px-2.5 py-1 text-xs font-medium ${tab === id ? "bg-zinc-700 text-white" : "text-zinc-400 hover:text-zinc-200"}`}
    >
      {label}
    </button>
  );
  return (
    <div className="flex h-full min-h-0 flex-col bg-[#0d1117]">
      <div className="flex items-center gap-1 border-b border-zinc-800 px-2 py-1.5">
        {tabButton("transcript", "Transcript")}
        {tabButton("shell", "Shell")}
        {onCollapse && (
          <button onClick={onCollapse} aria-label="Hide terminal" data-testid="terminal-collapse" className="ml-auto rounded px-2 py-0.5 text-zinc-400 hover:bg-zinc-800 hover:text-white">
            ✕
          </button>
        )}
      </div>
      <div className={`min-h-0 flex-1 ${tab === "transcript" ? "flex" : "hidden"} flex-col`}>
        <Transcript key={chatId} chatId={chatId} />
      </div>
      {shellOpened && (
        <div className={`min-h-0 flex-1 ${tab === "shell" ? "block" : "hidden"}`}>
          <Shell key={chatId} chatId={chatId} visible={tab === "shell"} />
        </div>
      )}
    </div>
  );
}

function Transcript({ chatId }: { chatId: string }) {
  const [command, setCommand] = useState("");
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    const text = command.trim();
    if (!text || running) return;
    setRunning(true);
    setError(null);
    setCommand("");
    try {
      const response = await fetch(`/api/chats/${chatId}/exec`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ command: text }) });
      if (!response.ok) setError(((await response.json()) as { error: { message: string } }).error.message);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <div className="min-h-0 flex-1">
        <XtermView
          testId="terminal-transcript"
          interactive={false}
          onReady={({ term }) => {
            const stream = followTerminalStream(`/api/chats/${chatId}/terminal?offset=0`, { write: (t) => term.write(t), reset: () => term.reset() });
            return () => stream.close();
          }}
        />
      </div>
      {error && <div className="border-t border-zinc-800 px-3 py-1 text-xs text-rose-300">{error}</div>}
      <form
        className="flex items-center gap-2 border-t border-zinc-800 px-2 py-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <span className="font-mono text-sm text-emerald-400">$</span>
        <input
          data-testid="transcript-command"
          value={command}
          onChange={(e) => setCommand(e.target.value)}
          placeholder={running ? "running…" : "Run a command in this chat's shell session"}
          disabled={running}
          className="min-w-0 flex-1 bg-transparent font-mono text-sm outline-none placeholder:text-zinc-600"
        />
      </form>
    </>
  );
}

function Shell({ chatId, visible }: { chatId: string; visible: boolean }) {
  const handle = useRef<XtermHandle | null>(null);
  const pending = useRef("");
  const flushing = useRef(false);

  // Keystrokes are sent in order, batched while a POST is in flight.
  const flush = async () => {
    if (flushing.current || !pending.current) return;
    flushing.current = true;
    while (pending.current) {
      const input = pending.current;
      pending.current = "";
      await fetch(`/api/chats/${chatId}/shell`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input }) }).catch(() => {});
    }
    flushing.current = false;
  };

  useEffect(() => {
    if (visible) {
      handle.current?.fit();
      handle.current?.term.focus();
    }
  }, [visible]);

  return (
    <XtermView
      testId="terminal-shell"
      interactive
      onReady={(h) => {
        handle.current = h;
        const { term } = h;
        let stream: { close: () => void } | null = null;
        const connect = () => {
          stream = followTerminalStream(`/api/chats/${chatId}/shell?offset=0&cols=${term.cols}&rows=${term.rows}`, {
            write: (t) => term.write(t),
            reset: () => term.reset(),
            end: (reason) => {
              term.write(`\r\n\x1b[2m[${reason}: press Enter for a new shell]\x1b[0m\r\n`);
              const sub = term.onData((d) => {
                if (d === "\r") {
                  sub.dispose();
                  term.reset();
                  connect();
                }
              });
            },
          });
        };
        connect();
        term.focus();
        return () => stream?.close();
      }}
      onData={(data) => {
        pending.current += data;
        void flush();
      }}
      onResize={(cols, rows) => {
        void fetch(`/api/chats/${chatId}/shell`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ resize: { cols, rows } }) }).catch(() => {});
      }}
    />
  );
}
