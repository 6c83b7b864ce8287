import { z } from "zod";
import { defaultModelId, isAvailableModel } from "@/lib/ai/models";
import { createChat, listChats } from "@/lib/chats/store";
import { AppError, errorResponse } from "@/lib/errors";
import { parseJson } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return Response.json({ chats: await listChats() });
  } catch (error) {
    return errorResponse(error);
  }
}

const createSchema = z.object({ model: z.string().max(300).optional(), title: z.string().trim().min(1).max(200).optional() });

export async function POST(request: Request): Promise<Response> {
  try {
    const body = request.headers.get("content-length") === "0" ? {} : await parseJson(request, createSchema);
    if (body.model && !isAvailableModel(body.model)) throw new AppError("bad_request:model", `The model ${body.model} is not configured on this server.`);
    return Response.json({ chat: await createChat(body.model ?? defaultModelId(), body.title) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
