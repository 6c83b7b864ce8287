import { notFound } from "next/navigation";
import { ChatApp } from "@/components/chat-app";
import { availableModels } from "@/lib/ai/models";
import type { ChatMessage } from "@/lib/ai/types";
import { getChat, listChats, loadMessages } from "@/lib/chats/store";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const chat = await getChat(id).catch((error) => {
    if (error instanceof AppError && error.code === "not_found:chat") notFound();
    throw error;
  });
  const [messages, chats] = await Promise.all([loadMessages(id), listChats()]);
  return <ChatApp chat={chat} messages={messages as ChatMessage[]} chats={chats} models={availableModels()} />;
}
