// What every sandbox tool gets from the chat turn: the chat's sandbox (created on first use) and a
// recorder that streams each execution to the terminal transcript and stores it.
import type { Sandbox } from "../../sandbox/sandbox";
import type { LanguageInfo } from "../../sandbox/toolchains";
import type { ExecutionRecorder } from "../../terminal/recorder";

export interface ToolContext {
  chatId: string;
  sandbox: () => Promise<Sandbox>;
  recorder: ExecutionRecorder;
  /** The languages this sandbox image has (run_code offers only these). */
  languages: LanguageInfo[];
}
