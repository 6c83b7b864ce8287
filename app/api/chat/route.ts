import type { UIMessage } from "ai";
import { runChatTurn } from "@/lib/ai/chat-turn";
import { errorResponse } from "@/lib/errors";
import { parseJson } from "@/lib/http";
import { chatRequestSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 3600;

export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJson(request, chatRequestSchema);
    return await runChatTurn({
      chatId: body.id,
      message: body.messages.at(-1) as UIMessage | undefined,
      trigger: body.trigger,
      messageId: body.messageId,
      model: body.model,
      signal: request.signal,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
