import { z } from "zod";

// The body `useChat` with DefaultChatTransport posts: the chat id, the messages, the trigger.
export const chatRequestSchema = z.object({
  id: z.string().min(1).max(200),
  messages: z
    .array(
      z.object({
        id: z.string().max(200).default(""),
        role: z.enum(["user", "assistant", "system"]),
        parts: z.array(z.looseObject({ type: z.string() })).max(1000),
      }),
    )
    .max(10_000)
    .default([]),
  trigger: z.enum(["submit-message", "regenerate-message"]).default("submit-message"),
  messageId: z.string().max(200).optional(),
  model: z.string().max(300).optional(),
});
