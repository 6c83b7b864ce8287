import { z } from "zod";
import { isAvailableModel } from "@/lib/ai/models";
import { deleteChatRow, getChat, loadMessages, updateChat } from "@/lib/chats/store";
import { AppError, errorResponse } from "@/lib/errors";
import { parseJson } from "@/lib/http";
import { sandboxManager } from "@/lib/runtime";
import { dropChat } from "@/lib/terminal/hub";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  try {
    const { id } = await params;
    return Response.json({ chat: await getChat(id), messages: await loadMessages(id) });
  } catch (error) {
    return errorResponse(error);
  }
}

const patchSchema = z.object({ title: z.string().trim().min(1).max(200).optional(), model: z.string().max(300).optional() });

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  try {
    const { id } = await params;
    const body = await parseJson(request, patchSchema);
    if (body.model && !isAvailableModel(body.model)) throw new AppError("bad_request:model", `The model ${body.model} is not configured on this server.`);
    return Response.json({ chat: await updateChat(id, { title: body.title, modelId: body.model }) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Deletes the chat with its sandbox (container and storage) and its terminal. */
export async function DELETE(_request: Request, { params }: Context): Promise<Response> {
  try {
    const { id } = await params;
    await getChat(id);
    await dropChat(id);
    await sandboxManager().delete(id).catch((error) => {
      // With Docker down the chat still goes; the reaper removes the sandbox when Docker is back.
      console.warn(`[chat ${id}] sandbox not removed now: ${(error as Error).message}`);
    });
    await deleteChatRow(id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
