import { describe, expect, it } from "vitest";
import { MODEL_OUTPUT_HEAD, MODEL_OUTPUT_TAIL, cutMiddle, shapeResult } from "../../lib/ai/tools/shape";
import { CappedOutput } from "../../lib/sandbox/output";

const capped = (text: string, head = 1 << 20, tail = 1 << 20) => {
  const c = new CappedOutput(head, tail);
  c.push(Buffer.from(text));
  return c.result();
};

describe("tool result shaping", () => {
  it("passes short output through", () => {
    expect(cutMiddle(capped("hello\n"))).toEqual({ text: "hello\n", droppedBytes: 0 });
  });

  it("keeps head and tail for the model and counts every dropped byte", () => {
    const text = "a".repeat(MODEL_OUTPUT_HEAD) + "b".repeat(50_000) + "c".repeat(MODEL_OUTPUT_TAIL);
    const shaped = cutMiddle(capped(text));
    expect(shaped.droppedBytes).toBe(50_000);
    expect(shaped.text).toBe(`${"a".repeat(MODEL_OUTPUT_HEAD)}\n[... 50000 bytes dropped ...]\n${"c".repeat(MODEL_OUTPUT_TAIL)}`);
  });

  it("adds what the sandbox already dropped to the count", () => {
    const text = "x".repeat(200_000);
    const shaped = cutMiddle(capped(text, 32_768, 32_768));
    expect(shaped.droppedBytes).toBe(200_000 - MODEL_OUTPUT_HEAD - MODEL_OUTPUT_TAIL);
    expect(shaped.text.match(/bytes dropped/g)).toHaveLength(1);
  });

  it("carries exit code, duration and the timeout/OOM flags", () => {
    const r = shapeResult({
      exitCode: 137,
      durationMs: 5000,
      stdout: capped(""),
      stderr: capped("Killed\n"),
      timedOut: false,
      oomKilled: true,
      cancelled: false,
      failure: "killed: out of memory, limit 1 GiB",
    });
    expect(r).toMatchObject({ exitCode: 137, durationMs: 5000, oomKilled: true, timedOut: false, failure: "killed: out of memory, limit 1 GiB" });
  });
});
