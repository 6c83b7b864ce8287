// Process-wide wiring for the server: one sandbox manager (asking the database whether a chat still
// exists), each chat's transcript and recorder. Route handlers get everything through here.
import { appConfig } from "./config";
import { chatExists, listExecutions, saveExecution } from "./chats/store";
import { AppError } from "./errors";
import { SandboxError } from "./sandbox/errors";
import { SandboxManager } from "./sandbox/manager";
import { LANGUAGES } from "./sandbox/languages";
import type { Sandbox } from "./sandbox/sandbox";
import type { LanguageInfo } from "./sandbox/toolchains";
import { transcriptOf } from "./terminal/hub";
import { type ExecutionRecorder, createRecorder, replayText } from "./terminal/recorder";
import type { StreamBuffer } from "./terminal/stream-buffer";

const store = globalThis as { __caissonManager?: SandboxManager };

export function sandboxManager(): SandboxManager {
  store.__caissonManager ??= new SandboxManager({ chatExists });
  return store.__caissonManager;
}

/** Starts the sandbox side at boot: network, firewall (loud when missing), re-adoption. Never throws. */
export async function boot(): Promise<void> {
  appConfig();
  try {
    await sandboxManager().start();
    void sandboxManager().languages().catch(() => {}); // probe the image's toolchains once, early
    const health = await sandboxManager().health();
    for (const problem of health.problems) console.warn(`[caisson] ${problem}`);
  } catch (error) {
    console.error(`[caisson] sandboxes are unavailable: ${(error as Error).message}`);
  }
}

/** The chat's sandbox, with Docker and image problems turned into errors that say what to do. */
export async function chatSandbox(chatId: string): Promise<Sandbox> {
  try {
    return await sandboxManager().get(chatId);
  } catch (error) {
    if (error instanceof SandboxError && error.code.startsWith("unavailable:")) {
      throw new AppError(error.code === "unavailable:docker" ? "unavailable:docker" : "unavailable:image", error.message, { cause: error });
    }
    throw error;
  }
}

/**
 * The languages the sandbox image has. Without Docker the whole table is offered: the tool call then
 * fails with the Docker message, which is the one worth reading.
 */
export async function chatLanguages(): Promise<LanguageInfo[]> {
  try {
    return await sandboxManager().languages();
  } catch {
    return LANGUAGES.map((l) => ({ id: l.id, label: l.label, aliases: l.aliases, version: "unknown", highlight: l.highlight }));
  }
}

async function replay(chatId: string): Promise<string> {
  return (await listExecutions(chatId)).map((e) => replayText({ ...e, source: e.source as "model" | "user", tool: e.tool as "bash" | "run_code" })).join("");
}

export function chatTranscript(chatId: string): Promise<StreamBuffer> {
  return transcriptOf(chatId, () => replay(chatId));
}

export async function chatRecorder(chatId: string): Promise<ExecutionRecorder> {
  return createRecorder(chatId, await chatTranscript(chatId), saveExecution);
}

export const replayFor = (chatId: string) => () => replay(chatId);
