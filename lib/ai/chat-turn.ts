// The chat turn: store the user's message, run the model with the sandbox tools, stream the UI
// message stream back, and store the assistant's message when the turn ends, whole even after a stop.
import { consumeStream, convertToModelMessages, createIdGenerator, stepCountIs, streamText, type UIMessage } from "ai";
import { getChat, loadMessages, saveAssistantMessage, saveUserMessage, truncateFrom, updateChat } from "../chats/store";
import { appConfig } from "../config";
import { AppError } from "../errors";
import { chatLanguages, chatRecorder, chatSandbox } from "../runtime";
import { defaultModelId, isAvailableModel, languageModel } from "./models";
import { systemPrompt } from "./prompt";
import { describeProviderError } from "./provider-errors";
import { bashTool } from "./tools/bash";
import type { ToolContext } from "./tools/context";
import { runCodeTool } from "./tools/run-code";

export interface TurnRequest {
  chatId: string;
  /** The newest message from the client (the rest of the history comes from the database). */
  message?: UIMessage;
  trigger: "submit-message" | "regenerate-message";
  /** regenerate: the assistant message to replace (default: the last one). */
  messageId?: string;
  model?: string;
  signal: AbortSignal;
}

const newMessageId = createIdGenerator({ prefix: "msg", size: 16 });

function checkUserMessage(message: UIMessage | undefined): UIMessage {
  if (!message || message.role !== "user") throw new AppError("bad_request:message", "The last message must be the user's new message.");
  const text = message.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
  if (!text.trim()) throw new AppError("bad_request:message", "The message is empty.");
  const max = appConfig().CAISSON_MAX_MESSAGE_CHARS;
  if (text.length > max) throw new AppError("bad_request:message", `The message is ${text.length} characters long; the limit is ${max}.`);
  // Only text reaches the model from the client; anything else a client sends is dropped.
  return { id: message.id || newMessageId(), role: "user", parts: [{ type: "text", text }] };
}

/**
 * After a stop, tool calls without a final result become errors and streaming text is closed, so
 * the stored message is whole and the next turn's history is valid.
 */
export function finalizeParts(message: UIMessage, stopped: boolean): UIMessage {
  const parts = message.parts.map((part) => {
    const p = part as Record<string, unknown> & { type: string };
    if (p.type.startsWith("tool-") && (p.state !== "output-available" || p.preliminary) && p.state !== "output-error") {
      const { preliminary: _, output: __, ...rest } = p;
      return { ...rest, state: "output-error", errorText: stopped ? "Stopped by the user before the command finished." : "The tool did not finish." };
    }
    if ((p.type === "text" || p.type === "reasoning") && p.state === "streaming") return { ...p, state: "done" };
    return part;
  });
  return { ...message, parts: parts as UIMessage["parts"] };
}

export async function runChatTurn(request: TurnRequest): Promise<Response> {
  const chat = await getChat(request.chatId);
  if (request.model && !isAvailableModel(request.model)) throw new AppError("bad_request:model", `The model ${request.model} is not configured on this server.`);
  const modelId = request.model ?? (isAvailableModel(chat.modelId) ? chat.modelId : defaultModelId());

  if (request.trigger === "submit-message") {
    await saveUserMessage(chat.id, checkUserMessage(request.message));
  } else {
    // Regenerate: replace the named assistant message, or the last message if it is the assistant's;
    // after a failed turn the last message is the user's and is simply answered again.
    const history = await loadMessages(chat.id);
    const target = request.messageId ? history.find((m) => m.id === request.messageId) : history.at(-1);
    if (target?.role === "assistant") await truncateFrom(chat.id, target.id);
    if ((await loadMessages(chat.id)).at(-1)?.role !== "user") throw new AppError("bad_request:message", "There is no user message to answer.");
  }
  if (modelId !== chat.modelId) await updateChat(chat.id, { modelId });

  const messages = await loadMessages(chat.id);
  const ctx: ToolContext = { chatId: chat.id, sandbox: () => chatSandbox(chat.id), recorder: await chatRecorder(chat.id), languages: await chatLanguages() };
  const result = streamText({
    model: languageModel(modelId),
    instructions: systemPrompt(ctx.languages),
    messages: await convertToModelMessages(messages, { ignoreIncompleteToolCalls: true }),
    tools: { bash: bashTool(ctx), run_code: runCodeTool(ctx) },
    stopWhen: stepCountIs(appConfig().CAISSON_MAX_STEPS),
    abortSignal: request.signal,
    onError: ({ error }) => console.error(`[chat ${chat.id}] ${describeProviderError(error)}`),
  });

  return result.toUIMessageStreamResponse({
    originalMessages: messages,
    generateMessageId: newMessageId,
    consumeSseStream: consumeStream,
    onEnd: async ({ responseMessage, isAborted }) => {
      if (responseMessage.parts.length === 0) return; // nothing was said: store nothing
      await saveAssistantMessage(chat.id, finalizeParts(responseMessage, isAborted)).catch((error) =>
        console.error(`[chat ${chat.id}] could not store the reply:`, error),
      );
    },
    onError: describeProviderError,
    redactToolErrors: false,
  });
}
