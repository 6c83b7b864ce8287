// Messages and executions through Prisma into a real SQLite file, and back.
import type { UIMessage } from "ai";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../helpers/database";

let store: typeof import("../../lib/chats/store");
let turn: typeof import("../../lib/ai/chat-turn");
let recorder: typeof import("../../lib/terminal/recorder");

beforeAll(async () => {
  await freshDatabase(); // before the modules read DATABASE_URL
  store = await import("../../lib/chats/store");
  turn = await import("../../lib/ai/chat-turn");
  recorder = await import("../../lib/terminal/recorder");
});

const user = (id: string, text: string): UIMessage => ({ id, role: "user", parts: [{ type: "text", text }] });

describe("message persistence", () => {
  it("round-trips a conversation with tool parts exactly, in order", async () => {
    const chat = await store.createChat("offline:caisson-offline");
    await store.saveUserMessage(chat.id, user("u1", "run this: ```python\nprint(2**100)\n```"));
    const assistant: UIMessage = {
      id: "a1",
      role: "assistant",
      parts: [
        { type: "step-start" },
        {
          type: "tool-run_code",
          toolCallId: "call_1",
          state: "output-available",
          input: { language: "python", code: "print(2**100)" },
          output: { status: "done", exitCode: 0, stdout: { text: "1267650600228229401496703205376\n", droppedBytes: 0 } },
        },
        { type: "text", text: "Done ✓ — \"quoted\" <b>", state: "done" },
      ] as UIMessage["parts"],
    };
    await store.saveAssistantMessage(chat.id, assistant);
    await store.saveUserMessage(chat.id, user("u2", "again"));
    const loaded = await store.loadMessages(chat.id);
    expect(loaded).toEqual([user("u1", "run this: ```python\nprint(2**100)\n```"), assistant, user("u2", "again")]);
    expect((await store.getChat(chat.id)).title).toBe("run this: python code");
  });

  it("lists chats newest first, renames and deletes with everything in them", async () => {
    const a = await store.createChat("offline:caisson-offline", "A");
    await new Promise((r) => setTimeout(r, 5));
    const b = await store.createChat("offline:caisson-offline", "B");
    const ids = (await store.listChats()).map((c) => c.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    await store.updateChat(a.id, { title: "Renamed" });
    expect((await store.getChat(a.id)).title).toBe("Renamed");
    await store.saveUserMessage(a.id, user("x1", "hi"));
    await store.deleteChatRow(a.id);
    await expect(store.getChat(a.id)).rejects.toMatchObject({ code: "not_found:chat" });
    expect(await store.loadMessages(a.id)).toEqual([]);
  });

  it("drops the answer being regenerated", async () => {
    const chat = await store.createChat("offline:caisson-offline");
    await store.saveUserMessage(chat.id, user("r1", "one"));
    await store.saveAssistantMessage(chat.id, { id: "r2", role: "assistant", parts: [{ type: "text", text: "first answer" }] });
    await store.truncateFrom(chat.id, "r2");
    expect((await store.loadMessages(chat.id)).map((m) => m.id)).toEqual(["r1"]);
  });

  it("stores a stopped turn whole: unfinished tool calls become errors, streaming text is closed", () => {
    const stopped = turn.finalizeParts(
      {
        id: "s",
        role: "assistant",
        parts: [
          { type: "tool-bash", toolCallId: "c1", state: "output-available", input: { command: "sleep 60" }, output: { status: "running" }, preliminary: true },
          { type: "tool-bash", toolCallId: "c2", state: "input-available", input: { command: "ls" } },
          { type: "tool-bash", toolCallId: "c3", state: "output-available", input: { command: "true" }, output: { status: "done", exitCode: 0 } },
          { type: "text", text: "partial", state: "streaming" },
        ] as UIMessage["parts"],
      },
      true,
    );
    expect(stopped.parts.map((p) => (p as { state?: string }).state)).toEqual(["output-error", "output-error", "output-available", "done"]);
    expect(stopped.parts[0]).not.toHaveProperty("output");
    expect((stopped.parts[0] as { errorText: string }).errorText).toContain("Stopped by the user");
  });
});

describe("executions", () => {
  it("are stored with head and tail and replay into the same transcript text", async () => {
    const { StreamBuffer } = await import("../../lib/terminal/stream-buffer");
    const chat = await store.createChat("offline:caisson-offline");
    const live = new StreamBuffer();
    const rec = recorder.createRecorder(chat.id, live, store.saveExecution).start({ source: "model", tool: "bash", command: "seq 3; echo err >&2" });
    rec.output({ stream: "stdout", data: Buffer.from("1\n2\n3\n"), at: Date.now() });
    rec.output({ stream: "stderr", data: Buffer.from("err\n"), at: Date.now() });
    await rec.end({ exitCode: 0, durationMs: 12, timedOut: false, oomKilled: false });
    const [row] = await store.listExecutions(chat.id);
    expect(row).toMatchObject({ command: "seq 3; echo err >&2", exitCode: 0, durationMs: 12, source: "model", tool: "bash", droppedBytes: 0 });
    const replayed = recorder.replayText({ ...row!, source: "model", tool: "bash" });
    expect(replayed).toBe(live.readFrom(0).text);
    expect(replayed).toContain("1\r\n2\r\n3\r\n");
    expect(replayed).toContain("\x1b[31merr\r\n\x1b[0m");
    expect(replayed).toContain("[exit 0 · 12 ms]");
  });
});
