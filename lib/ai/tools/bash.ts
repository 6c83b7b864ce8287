// The `bash` tool: a command in a persistent shell session (cwd and exported variables carry over;
// calls that name no session share the chat's default one).
import { tool } from "ai";
import { z } from "zod";
import { SESSION_NAME } from "../../sandbox/session";
import { DEFAULT_SESSION } from "../../sandbox/sandbox";
import type { ToolContext } from "./context";
import { type ToolOutput, runWithPreview } from "./live";

export const bashInput = z.object({
  command: z.string().min(1, "command is empty").max(100_000, "command is longer than 100000 characters"),
  session: z.string().regex(SESSION_NAME, "session names are 1-64 letters, digits, '.', '_' or '-'").optional().describe(
    "Shell session name. Calls with the same session share the working directory and exported variables. Default: the chat's default session.",
  ),
  timeout: z.number().int().min(1).max(3600).optional().describe("Seconds before the command is killed. Default 120."),
});

export function bashTool(ctx: ToolContext) {
  return tool({
    description:
      "Run a bash command in this chat's Linux sandbox (Debian, non-root, /mnt/data is the working folder). " +
      "Output is streamed to the user. The shell persists between calls: cd and export carry over.",
    inputSchema: bashInput,
    async *execute(input, { abortSignal, toolCallId }): AsyncGenerator<ToolOutput> {
      const sandbox = await ctx.sandbox();
      const recording = ctx.recorder.start({ source: "model", tool: "bash", command: input.command, toolCallId });
      yield* runWithPreview(recording, (onOutput) =>
        sandbox.runInSession(input.session ?? DEFAULT_SESSION, {
          command: input.command,
          timeoutMs: input.timeout ? input.timeout * 1000 : undefined,
          signal: abortSignal,
          onOutput,
        }),
      );
    },
  });
}
