// The terminal streams: catch up from an offset, follow live, resume after a reconnect, start over
// after a server restart (another buffer), and say when the stream has ended.
import { describe, expect, it } from "vitest";
import { resumeOffset, sseResponse } from "../../lib/sse";
import { StreamBuffer } from "../../lib/terminal/stream-buffer";

async function readEvents(response: Response, until: (events: string[]) => boolean): Promise<string[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const events = text.split("\n\n").filter(Boolean);
    if (until(events)) {
      await reader.cancel();
      return events;
    }
    const { value, done } = await reader.read();
    if (done) return text.split("\n\n").filter(Boolean);
    text += decoder.decode(value);
  }
}

const data = (events: string[]) =>
  events.filter((e) => e.includes("data: {\"o\"")).map((e) => JSON.parse(e.split("data: ")[1]!) as { o: number; d: string; gap?: boolean });

describe("terminal stream", () => {
  it("replays from the offset asked for, then follows live, with resumable ids", async () => {
    const buffer = new StreamBuffer();
    buffer.append("hello ");
    const request = new Request("http://x/t?offset=2");
    const response = sseResponse(buffer, resumeOffset(request), new AbortController().signal);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    setTimeout(() => buffer.append("world"), 20);
    const events = await readEvents(response, (e) => data(e).length >= 2);
    expect(data(events)).toEqual([
      { o: 2, d: "llo " },
      { o: 6, d: "world" },
    ]);
    expect(events.find((e) => e.includes('"world"'))).toContain(`id: ${buffer.epoch}:11`);
  });

  it("resumes a reconnect from Last-Event-ID without repeating anything", async () => {
    const buffer = new StreamBuffer();
    buffer.append("0123456789");
    const request = new Request("http://x/t?offset=0", { headers: { "last-event-id": `${buffer.epoch}:7` } });
    const events = await readEvents(sseResponse(buffer, resumeOffset(request), new AbortController().signal), (e) => data(e).length >= 1);
    expect(data(events)).toEqual([{ o: 7, d: "789" }]);
  });

  it("starts over with a reset when the id comes from another buffer (a restarted server)", async () => {
    const buffer = new StreamBuffer();
    buffer.append("fresh");
    const request = new Request("http://x/t", { headers: { "last-event-id": "oldepoch:500" } });
    const events = await readEvents(sseResponse(buffer, resumeOffset(request), new AbortController().signal), (e) => data(e).length >= 1);
    expect(events.some((e) => e.startsWith("event: reset"))).toBe(true);
    expect(data(events)).toEqual([{ o: 0, d: "fresh" }]);
  });

  it("marks a gap when the reader asks for text no longer kept", async () => {
    const buffer = new StreamBuffer(10);
    buffer.append("abcdefghijklmnop");
    const events = await readEvents(sseResponse(buffer, { epoch: null, offset: 0 }, new AbortController().signal), (e) => data(e).length >= 1);
    expect(data(events)).toEqual([{ o: 6, d: "ghijklmnop", gap: true }]);
  });

  it("ends the stream with the reason when the shell exits", async () => {
    const buffer = new StreamBuffer();
    buffer.append("$ ");
    setTimeout(() => buffer.close("the shell exited with code 0"), 20);
    const events = await readEvents(sseResponse(buffer, { epoch: null, offset: 0 }, new AbortController().signal), () => false);
    expect(events.at(-1)).toBe('event: end\ndata: {"reason":"the shell exited with code 0"}');
  });
});
