"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

export interface ChatListItem {
  id: string;
  title: string;
  updatedAt: string;
}

/** The chat list: newest first, new chat, rename in place, delete (with its sandbox). */
export function Sidebar(props: { chats: ChatListItem[]; activeId?: string; onChanged: () => void; onNavigate?: () => void }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const rename = async (id: string) => {
    const text = title.trim();
    setEditing(null);
    if (!text) return;
    await fetch(`/api/chats/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: text }) });
    props.onChanged();
  };
  const remove = async (chat: ChatListItem) => {
    if (!confirm(`Delete "${chat.title}" and its sandbox (all its files)?`)) return;
    await fetch(`/api/chats/${chat.id}`, { method: "DELETE" });
    props.onChanged();
    if (chat.id === props.activeId) router.push("/");
  };
  return (
    <nav className="flex h-full flex-col bg-zinc-950">
      <div className="flex items-center justify-between px-3 py-3">
        <Link href="/" className="text-sm font-semibold tracking-wide text-zinc-200" onClick={props.onNavigate}>
          <span aria-hidden className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm bg-sky-500 align-middle" />
          Caisson
        </Link>
        <Link href="/" data-testid="new-chat" onClick={props.onNavigate} className="rounded-md border border-zinc-700 px-2 py-1 text-xs text-zinc-200 hover:bg-zinc-800">
          + New chat
        </Link>
      </div>
      <ul className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {props.chats.length === 0 && <li className="px-2 py-2 text-xs text-zinc-500">No chats yet.</li>}
        {props.chats.map((chat) => (
          <li key={chat.id} data-testid="chat-item" className={`group flex items-center gap-1 rounded-md ${chat.id === props.activeId ? "bg-zinc-800" : "hover:bg-zinc-900"}`}>
            {editing === chat.id ? (
              <input
                autoFocus
                data-testid="rename-input"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                onBlur={() => void rename(chat.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") void rename(chat.id);
                  if (e.key === "Escape") setEditing(null);
                }}
                className="m-1 min-w-0 flex-1 rounded bg-zinc-900 px-2 py-1 text-sm outline-none ring-1 ring-sky-600"
              />
            ) : (
              <Link href={`/chat/${chat.id}`} onClick={props.onNavigate} className="min-w-0 flex-1 truncate px-2 py-2 text-sm text-zinc-300">
                {chat.title}
              </Link>
            )}
            {editing !== chat.id && (
              <span className="flex shrink-0 opacity-100 sm:opacity-0 sm:group-hover:opacity-100">
                <button
                  aria-label="Rename chat"
                  data-testid="rename-chat"
                  onClick={() => {
                    setEditing(chat.id);
                    setTitle(chat.title);
                  }}
                  className="rounded px-1.5 py-1 text-xs text-zinc-400 hover:text-white"
                >
                  ✎
                </button>
                <button aria-label="Delete chat" data-testid="delete-chat" onClick={() => void remove(chat)} className="rounded px-1.5 py-1 text-xs text-zinc-400 hover:text-rose-400">
                  🗑
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
