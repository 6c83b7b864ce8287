import { z } from "zod";
import { getChat } from "@/lib/chats/store";
import { errorResponse } from "@/lib/errors";
import { parseJson } from "@/lib/http";
import { chatSandbox, replayFor } from "@/lib/runtime";
import { resumeOffset, sseResponse } from "@/lib/sse";
import { runningShell, shellOf } from "@/lib/terminal/hub";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const size = (url: URL) => {
  const cols = Number(url.searchParams.get("cols"));
  const rows = Number(url.searchParams.get("rows"));
  return cols > 0 && rows > 0 ? { cols, rows } : undefined;
};

/** The interactive shell's output as server-sent events; starts the shell if none is running. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const { id } = await params;
    await getChat(id);
    const shell = await shellOf(id, replayFor(id), () => chatSandbox(id), size(new URL(request.url)));
    return sseResponse(shell.output, resumeOffset(request), request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}

const inputSchema = z.object({
  input: z.string().max(1_000_000).optional(),
  resize: z.object({ cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(500) }).optional(),
});

/** Keystrokes (raw, Ctrl-C is "\u0003") and resizes for the running shell. */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const { id } = await params;
    const body = await parseJson(request, inputSchema);
    const pending = runningShell(id);
    if (!pending) return Response.json({ error: { code: "not_found:shell", message: "No shell is running for this chat; reconnect to start one." } }, { status: 409 });
    const shell = await pending;
    if (body.input) shell.terminal.write(body.input);
    if (body.resize) await shell.terminal.resize(body.resize.cols, body.resize.rows);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, { params }: Context): Promise<Response> {
  try {
    const { id } = await params;
    const shell = await runningShell(id)?.catch(() => null);
    await shell?.terminal.close();
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
