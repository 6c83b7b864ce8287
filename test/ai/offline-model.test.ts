// The offline model's decisions, and that it speaks the AI SDK's model protocol through streamText.
import { type ModelMessage, stepCountIs, streamText, tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createOfflineModel } from "../../lib/ai/offline/model";
import { OFFLINE_HELP, callsInMessage, summarise } from "../../lib/ai/offline/plan";

describe("callsInMessage", () => {
  it("turns each fence into a call in its language, shell fences into bash", () => {
    expect(callsInMessage("first\n```python\nprint(1)\n```\nthen\n```bash\nls -l\necho ok\n```\nand ```c\nint main(){}\n```")).toEqual([
      { toolName: "run_code", input: { language: "python", code: "print(1)" } },
      { toolName: "bash", input: { command: "ls -l\necho ok" } },
      { toolName: "run_code", input: { language: "c", code: "int main(){}" } },
    ]);
  });

  it("reads fences that open mid-line or sit on one line", () => {
    expect(callsInMessage("run this: ```python print(2**100)```")).toEqual([{ toolName: "run_code", input: { language: "python", code: "print(2**100)" } }]);
    expect(callsInMessage("run this: ```python\nprint(2**100)\n```")).toEqual([{ toolName: "run_code", input: { language: "python", code: "print(2**100)" } }]);
    expect(callsInMessage("```ls -la```")).toEqual([{ toolName: "bash", input: { command: "ls -la" } }]);
  });

  it("turns lines starting with '$ ' into bash calls, in order with the fences", () => {
    expect(callsInMessage("$ uname -a\ntext $ not this\n```sh\npwd\n```\n$ echo done")).toEqual([
      { toolName: "bash", input: { command: "uname -a" } },
      { toolName: "bash", input: { command: "pwd" } },
      { toolName: "bash", input: { command: "echo done" } },
    ]);
  });

  it("keeps '$ ' lines inside a fence as code, and an unknown fence language for the tool to refuse", () => {
    expect(callsInMessage("```cobol\n$ x\n```")).toEqual([{ toolName: "run_code", input: { language: "cobol", code: "$ x" } }]);
  });

  it("finds nothing in plain prose", () => {
    expect(callsInMessage("hello, what can you do?")).toEqual([]);
  });
});

describe("summarise", () => {
  it("quotes exit codes and the last lines of output", () => {
    const text = summarise([
      { toolName: "bash", result: { exitCode: 0, stdout: { text: "1\n2\n3\n4\n5\n6\n7\n" }, stderr: { text: "" } } },
      { toolName: "run_code", result: { exitCode: 1, stdout: { text: "" }, stderr: { text: "boom\n" }, phase: "compile" } },
      { toolName: "run_code", error: "Unknown language \"cobol\"." },
    ]);
    expect(text).toContain("Call 1 (`bash`) exited with code 0.");
    expect(text).toContain("```text\n3\n4\n5\n6\n7\n```");
    expect(text).not.toContain("\n2\n");
    expect(text).toContain("Call 2 (`run_code`) exited with code 1 while compiling.");
    expect(text).toContain("boom");
    expect(text).toContain('Call 3 (`run_code`) failed: Unknown language "cobol".');
  });
});

describe("the offline model through streamText", () => {
  const run = async (text: string) => {
    const executed: unknown[] = [];
    const result = streamText({
      model: createOfflineModel({ delayMs: 0 }),
      messages: [{ role: "user", content: text }] as ModelMessage[],
      tools: {
        bash: tool({
          inputSchema: z.object({ command: z.string() }),
          execute: async ({ command }) => {
            executed.push(command);
            return { exitCode: 0, stdout: { text: `ran ${command}\n` }, stderr: { text: "" } };
          },
        }),
        run_code: tool({
          inputSchema: z.object({ language: z.string(), code: z.string() }),
          execute: async (): Promise<{ exitCode: number }> => {
            throw new Error("Unknown language");
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    return { text: await result.text, steps: await result.steps, executed };
  };

  it("calls the tools, then reports on the results", async () => {
    const { text, steps, executed } = await run("$ echo one\n$ echo two");
    expect(executed).toEqual(["echo one", "echo two"]);
    expect(steps).toHaveLength(2);
    expect(text).toContain("Call 1 (`bash`) exited with code 0.");
    expect(text).toContain("ran echo two");
  });

  it("reports a failing tool", async () => {
    const { text } = await run("```cobol\nDISPLAY 'x'\n```");
    expect(text).toContain("failed: Unknown language");
  });

  it("explains itself when there is nothing to run", async () => {
    const { text, steps } = await run("hello");
    expect(steps).toHaveLength(1);
    expect(text).toBe(OFFLINE_HELP);
  });
});
