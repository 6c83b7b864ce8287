import { z } from "zod";
import { shapeResult } from "@/lib/ai/tools/shape";
import { getChat } from "@/lib/chats/store";
import { errorResponse } from "@/lib/errors";
import { parseJson } from "@/lib/http";
import { chatRecorder, chatSandbox } from "@/lib/runtime";
import { DEFAULT_SESSION } from "@/lib/sandbox/sandbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 3600;

const execSchema = z.object({ command: z.string().trim().min(1).max(100_000), timeout: z.number().int().min(1).max(3600).optional() });

/** A command typed by the user in the transcript tab: runs in the chat's default shell session. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    await getChat(id);
    const { command, timeout } = await parseJson(request, execSchema);
    const sandbox = await chatSandbox(id);
    const recording = (await chatRecorder(id)).start({ source: "user", tool: "bash", command });
    const result = await sandbox.runInSession(DEFAULT_SESSION, {
      command,
      timeoutMs: timeout ? timeout * 1000 : undefined,
      signal: request.signal,
      onOutput: (chunk) => recording.output(chunk),
    });
    await recording.end(result);
    return Response.json({ result: shapeResult(result) });
  } catch (error) {
    return errorResponse(error);
  }
}
