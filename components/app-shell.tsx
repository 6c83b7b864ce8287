"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { HealthBanner } from "./ui/health-banner";
import { LanguagesPanel } from "./ui/languages-panel";
import { type ChatListItem, Sidebar } from "./ui/sidebar";

/**
 * The page frame: chat list on the left (a drawer on phones), the conversation in the middle, and
 * the terminal pane on the right, resizable and collapsible (a bottom sheet on phones).
 */
export function AppShell(props: {
  chats: ChatListItem[];
  activeId?: string;
  title: string;
  children: (refreshChats: () => void) => React.ReactNode;
  terminal?: (collapse: () => void) => React.ReactNode;
}) {
  const [chats, setChats] = useState(props.chats);
  const [drawer, setDrawer] = useState(false);
  const [terminalOpen, setTerminalOpen] = useState(true);
  const [mobileTerminal, setMobileTerminal] = useState(false);
  const [width, setWidth] = useState(480);
  const dragging = useRef(false);
  const desktop = useIsDesktop();

  useEffect(() => setChats(props.chats), [props.chats]);
  useEffect(() => {
    const saved = Number(localStorage.getItem("caisson:terminal-width"));
    if (saved > 0) setWidth(saved);
    setTerminalOpen(localStorage.getItem("caisson:terminal-open") !== "0");
  }, []);

  const refreshChats = useCallback(() => {
    void fetch("/api/chats", { cache: "no-store" })
      .then((r) => r.json())
      .then((d: { chats: ChatListItem[] }) => setChats(d.chats))
      .catch(() => {});
  }, []);

  const setOpen = (open: boolean) => {
    setTerminalOpen(open);
    localStorage.setItem("caisson:terminal-open", open ? "1" : "0");
  };

  useEffect(() => {
    const move = (e: PointerEvent) => {
      if (!dragging.current) return;
      const next = Math.min(Math.max(window.innerWidth - e.clientX, 280), window.innerWidth * 0.7);
      setWidth(next);
    };
    const up = () => {
      if (dragging.current) localStorage.setItem("caisson:terminal-width", String(Math.round(width)));
      dragging.current = false;
      document.body.style.userSelect = "";
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
  }, [width]);

  return (
    <div className="flex h-dvh flex-col">
      <HealthBanner />
      <div className="flex min-h-0 flex-1">
        {desktop && (
          <aside className="w-64 shrink-0 border-r border-zinc-800">
            <Sidebar chats={chats} activeId={props.activeId} onChanged={refreshChats} />
          </aside>
        )}
        {!desktop && drawer && (
          <div className="fixed inset-0 z-40 md:hidden" onClick={() => setDrawer(false)}>
            <div className="absolute inset-0 bg-black/60" />
            <aside className="absolute inset-y-0 left-0 w-72 border-r border-zinc-800" onClick={(e) => e.stopPropagation()}>
              <Sidebar chats={chats} activeId={props.activeId} onChanged={refreshChats} onNavigate={() => setDrawer(false)} />
            </aside>
          </div>
        )}
        <main className="flex min-w-0 flex-1 flex-col">
          <header className="flex items-center gap-2 border-b border-zinc-800 px-3 py-2">
            <button aria-label="Chats" data-testid="open-drawer" onClick={() => setDrawer(true)} className="rounded px-2 py-1 text-zinc-300 hover:bg-zinc-800 md:hidden">
              ☰
            </button>
            <h1 data-testid="chat-title" className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-200">
              {chats.find((c) => c.id === props.activeId)?.title ?? props.title}
            </h1>
            <LanguagesPanel />
            {props.terminal && (
              <>
                <button data-testid="toggle-terminal-mobile" onClick={() => setMobileTerminal((v) => !v)} className="rounded-md border border-zinc-700 px-2 py-1 text-xs text-zinc-300 md:hidden">
                  {mobileTerminal ? "Chat" : "Terminal"}
                </button>
                {!terminalOpen && (
                  <button data-testid="show-terminal" onClick={() => setOpen(true)} className="hidden rounded-md border border-zinc-700 px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800 md:block">
                    Show terminal
                  </button>
                )}
              </>
            )}
          </header>
          <div className="relative min-h-0 flex-1">
            {props.children(refreshChats)}
            {props.terminal && !desktop && mobileTerminal && (
              <div data-testid="mobile-terminal" className="absolute inset-0 z-30 md:hidden">
                {props.terminal(() => setMobileTerminal(false))}
              </div>
            )}
          </div>
        </main>
        {props.terminal && desktop && terminalOpen && (
          <>
            <div
              role="separator"
              aria-orientation="vertical"
              aria-label="Resize terminal"
              data-testid="terminal-resizer"
              onPointerDown={() => {
                dragging.current = true;
                document.body.style.userSelect = "none";
              }}
              className="hidden w-1 shrink-0 cursor-col-resize bg-zinc-800 hover:bg-sky-700 md:block"
            />
            <aside data-testid="terminal-pane" style={{ width }} className="hidden shrink-0 md:block">
              {props.terminal(() => setOpen(false))}
            </aside>
          </>
        )}
      </div>
    </div>
  );
}

/** True at the md breakpoint and up: only one terminal pane is mounted (and connected) at a time. */
function useIsDesktop(): boolean {
  const [desktop, setDesktop] = useState(true);
  useEffect(() => {
    const query = window.matchMedia("(min-width: 768px)");
    const update = () => setDesktop(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return desktop;
}
