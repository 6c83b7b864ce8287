// The `run_code` tool: write code to a fresh folder, compile if needed, run it with /mnt/data as the
// working directory. Languages come from the one table in lib/sandbox/languages.ts.
import { tool } from "ai";
import { z } from "zod";
import { requireLanguage, runCode } from "../../sandbox/run-code";
import type { ToolContext } from "./context";
import { type ToolOutput, runWithPreview } from "./live";

export const runCodeInput = z.object({
  language: z.string().min(1).describe("The language's name, as listed in the tool description."),
  code: z.string().min(1, "code is empty").max(1_000_000, "code is longer than 1000000 characters"),
  args: z.array(z.string().max(10_000)).max(100).optional().describe("Command-line arguments for the program."),
  stdin: z.string().max(1_000_000).optional().describe("Text given to the program on standard input."),
  timeout: z.number().int().min(1).max(3600).optional().describe("Seconds before the program is killed. Default 120."),
});

export function runCodeTool(ctx: ToolContext) {
  return tool({
    description:
      `Run a program in this chat's sandbox. Languages: ${ctx.languages.map((l) => `${l.id} (${l.version})`).join(", ")}. ` +
      "Compiled languages are built with optimisation and warnings; the result says whether the compile or the run failed.",
    inputSchema: runCodeInput,
    async *execute(input, { abortSignal, toolCallId }): AsyncGenerator<ToolOutput> {
      const language = requireLanguage(input.language, ctx.languages.map((l) => l.id)); // unknown: the error lists them
      const sandbox = await ctx.sandbox();
      const recording = ctx.recorder.start({ source: "model", tool: "run_code", command: input.code, language: language.id, toolCallId });
      yield* runWithPreview(recording, (onOutput) =>
        runCode(sandbox, {
          language: language.id,
          code: input.code,
          args: input.args,
          stdin: input.stdin,
          timeoutMs: input.timeout ? input.timeout * 1000 : undefined,
          signal: abortSignal,
          onOutput,
        }),
      );
    },
  });
}
