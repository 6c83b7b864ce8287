"use client";
import type { ChatMessage } from "@/lib/ai/types";
import { AppShell } from "./app-shell";
import { ChatView } from "./chat/chat-view";
import type { ModelChoice } from "./chat/model-picker";
import { TerminalPane } from "./terminal/terminal-pane";
import type { ChatListItem } from "./ui/sidebar";

/** The page of one chat: frame, conversation, terminal. */
export function ChatApp(props: { chat: { id: string; title: string; modelId: string }; messages: ChatMessage[]; chats: ChatListItem[]; models: ModelChoice[] }) {
  const title = props.chats.find((c) => c.id === props.chat.id)?.title ?? props.chat.title;
  return (
    <AppShell chats={props.chats} activeId={props.chat.id} title={title} terminal={(collapse) => <TerminalPane chatId={props.chat.id} onCollapse={collapse} />}>
      {(refreshChats) => (
        <ChatView key={props.chat.id} chatId={props.chat.id} initialMessages={props.messages} models={props.models} modelId={props.chat.modelId} onActivity={refreshChats} />
      )}
    </AppShell>
  );
}
