// Chats, their messages and their executions in the database. Messages are the AI SDK's UI messages
// stored whole (parts as JSON), so a reload renders exactly what streamed.
import { randomUUID } from "node:crypto";
import type { UIMessage } from "ai";
import { db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { ExecutionRecord } from "../terminal/recorder";

export const DEFAULT_TITLE = "New chat";

export interface ChatSummary {
  id: string;
  title: string;
  modelId: string;
  createdAt: string;
  updatedAt: string;
}

type ChatRow = { id: string; title: string; modelId: string; createdAt: Date; updatedAt: Date };

const summary = (c: ChatRow): ChatSummary => ({
  id: c.id,
  title: c.title,
  modelId: c.modelId,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export async function createChat(modelId: string, title = DEFAULT_TITLE): Promise<ChatSummary> {
  return summary(await db().chat.create({ data: { id: randomUUID(), title, modelId } }));
}

export async function listChats(): Promise<ChatSummary[]> {
  return (await db().chat.findMany({ orderBy: { updatedAt: "desc" }, take: 500 })).map(summary);
}

export async function getChat(id: string): Promise<ChatSummary> {
  const chat = await db().chat.findUnique({ where: { id } });
  if (!chat) throw new AppError("not_found:chat", `There is no chat ${id}.`);
  return summary(chat);
}

export async function chatExists(id: string): Promise<boolean> {
  return (await db().chat.count({ where: { id } })) > 0;
}

export async function updateChat(id: string, data: { title?: string; modelId?: string }): Promise<ChatSummary> {
  await getChat(id);
  return summary(await db().chat.update({ where: { id }, data }));
}

export async function deleteChatRow(id: string): Promise<void> {
  await db().chat.deleteMany({ where: { id } });
}

export async function loadMessages(chatId: string): Promise<UIMessage[]> {
  const rows = await db().message.findMany({ where: { chatId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    role: r.role as UIMessage["role"],
    parts: r.parts as UIMessage["parts"],
    ...(r.metadata ? { metadata: r.metadata } : {}),
  }));
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

/**
 * Stores the turn's new user message (and drops whatever followed a regenerated message) in one
 * transaction, and names the chat after its first message.
 */
export async function saveUserMessage(chatId: string, message: UIMessage, replaceFromId?: string): Promise<void> {
  await db().$transaction(async (tx) => {
    if (replaceFromId) {
      const from = await tx.message.findFirst({ where: { chatId, id: replaceFromId } });
      if (from) await tx.message.deleteMany({ where: { chatId, seq: { gte: from.seq } } });
    }
    const existing = await tx.message.findFirst({ where: { chatId, id: message.id } });
    if (!existing) {
      const last = await tx.message.findFirst({ where: { chatId }, orderBy: { seq: "desc" } });
      await tx.message.create({
        data: { id: message.id, chatId, role: message.role, parts: json(message.parts), seq: (last?.seq ?? -1) + 1 },
      });
    }
    const chat = await tx.chat.findUniqueOrThrow({ where: { id: chatId } });
    const text = message.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join(" ");
    const title = chat.title === DEFAULT_TITLE && text.trim() ? titleFrom(text) : chat.title;
    await tx.chat.update({ where: { id: chatId }, data: { title, updatedAt: new Date() } });
  });
}

/** Deletes the messages from `messageId` on (regenerate). */
export async function truncateFrom(chatId: string, messageId: string): Promise<void> {
  const from = await db().message.findFirst({ where: { chatId, id: messageId } });
  if (from) await db().message.deleteMany({ where: { chatId, seq: { gte: from.seq } } });
}

/** Stores (or replaces) the assistant's message once the turn has ended. */
export async function saveAssistantMessage(chatId: string, message: UIMessage): Promise<void> {
  await db().$transaction(async (tx) => {
    const existing = await tx.message.findFirst({ where: { chatId, id: message.id } });
    if (existing) {
      await tx.message.update({ where: { id: message.id }, data: { parts: json(message.parts) } });
    } else {
      const last = await tx.message.findFirst({ where: { chatId }, orderBy: { seq: "desc" } });
      await tx.message.create({ data: { id: message.id, chatId, role: "assistant", parts: json(message.parts), seq: (last?.seq ?? -1) + 1 } });
    }
    await tx.chat.update({ where: { id: chatId }, data: { updatedAt: new Date() } });
  });
}

export function titleFrom(text: string): string {
  const line = text
    .replace(/```(\w*)[\s\S]*?(```|$)/g, (_, language: string) => ` ${language || "shell"} code `)
    .replace(/\s+/g, " ")
    .trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line || DEFAULT_TITLE;
}

export async function saveExecution(record: ExecutionRecord): Promise<void> {
  // The chat may have been deleted while the command ran: nothing to attach the record to.
  if (!(await chatExists(record.chatId))) return;
  await db().execution.create({ data: record });
}

export async function listExecutions(chatId: string) {
  return db().execution.findMany({ where: { chatId }, orderBy: { startedAt: "asc" } });
}
