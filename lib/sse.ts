// Server-sent events from a StreamBuffer: catch up from an offset, then follow live. Each event's id
// is the offset after it, so a browser's EventSource reconnects exactly where it stopped
// (Last-Event-ID). Heartbeats keep proxies from closing an idle stream.
import type { StreamBuffer } from "./terminal/stream-buffer";

const CHUNK = 64 * 1024;
const HEARTBEAT_MS = 15_000;

/** Where a reader resumes: "epoch:offset" from Last-Event-ID (a reconnect) or ?offset= (a first connect). */
export interface ResumePoint {
  epoch: string | null;
  offset: number;
}

export function resumeOffset(request: Request): ResumePoint {
  const header = request.headers.get("last-event-id");
  const [epoch, raw] = header?.includes(":") ? header.split(":") : [null, new URL(request.url).searchParams.get("offset")];
  const value = Number(raw ?? 0);
  return { epoch: epoch ?? null, offset: Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0 };
}

export function sseResponse(buffer: StreamBuffer, resume: ResumePoint, signal: AbortSignal): Response {
  // A reader from another buffer (the server restarted, the shell was replaced) starts over.
  const reset = resume.epoch !== null && resume.epoch !== buffer.epoch;
  const offset = reset ? 0 : resume.offset;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const data = (at: number, text: string, gap = false) => {
        if (!text && !gap) return;
        let i = 0;
        do {
          const piece = text.slice(i, i + CHUNK);
          const event = { o: at + i, d: piece, ...(gap && i === 0 ? { gap: true } : {}) };
          send(`id: ${buffer.epoch}:${at + i + piece.length}\ndata: ${JSON.stringify(event)}\n\n`);
          i += CHUNK;
        } while (i < text.length);
      };
      const end = (reason: string) => {
        send(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
        cleanup();
        closed = true;
        controller.close();
      };
      send("retry: 1000\n\n");
      if (reset) send(`event: reset\ndata: {}\n\n`);
      const first = buffer.readFrom(offset);
      data(first.offset, first.text, first.gap);
      if (buffer.closed) return end(buffer.closed);
      const unsubscribe = buffer.subscribe((slice) => {
        if (buffer.closed && !slice.text) return end(buffer.closed);
        data(slice.offset, slice.text);
      });
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      signal.addEventListener("abort", () => {
        cleanup();
        if (!closed) {
          closed = true;
          controller.close();
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}
