import { getChat } from "@/lib/chats/store";
import { errorResponse } from "@/lib/errors";
import { chatTranscript } from "@/lib/runtime";
import { resumeOffset, sseResponse } from "@/lib/sse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The chat's terminal transcript as server-sent events: replay from an offset, then live. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    await getChat(id);
    return sseResponse(await chatTranscript(id), resumeOffset(request), request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}
