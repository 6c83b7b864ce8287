// The terminal pane's server side, per chat: the transcript of every execution (replayed from the
// database after a restart, then followed live) and the interactive shell with its output buffer.
// One hub per process, kept on globalThis so Next.js dev reloads do not lose running shells.
import type { Sandbox } from "../sandbox/sandbox";
import type { Terminal } from "../sandbox/terminal";
import { StreamBuffer } from "./stream-buffer";

interface Shell {
  terminal: Terminal;
  output: StreamBuffer;
}

interface ChatTerminals {
  transcript: Promise<StreamBuffer>;
  shell: Promise<Shell> | null;
}

const hub: Map<string, ChatTerminals> = ((globalThis as { __caissonTerminals?: Map<string, ChatTerminals> }).__caissonTerminals ??= new Map());

function entry(chatId: string, replay: () => Promise<string>): ChatTerminals {
  let e = hub.get(chatId);
  if (!e) {
    const transcript = replay().then((text) => {
      const buffer = new StreamBuffer();
      buffer.append(text);
      return buffer;
    });
    e = { transcript, shell: null };
    transcript.catch(() => hub.delete(chatId)); // try the database again next time
    hub.set(chatId, e);
  }
  return e;
}

/** The chat's transcript; the first call builds it from the stored executions. */
export function transcriptOf(chatId: string, replay: () => Promise<string>): Promise<StreamBuffer> {
  return entry(chatId, replay).transcript;
}

/** The chat's interactive shell, started if none is running. */
export function shellOf(chatId: string, replay: () => Promise<string>, sandbox: () => Promise<Sandbox>, size?: { cols: number; rows: number }): Promise<Shell> {
  const e = entry(chatId, replay);
  if (!e.shell) {
    const started = (async () => {
      const terminal = await (await sandbox()).openTerminal(size);
      const output = new StreamBuffer(1_000_000);
      const decoder = new TextDecoder();
      terminal.onData((data) => output.append(decoder.decode(data, { stream: true })));
      void terminal.exited.then((code) => {
        output.close(`the shell exited${code === null ? "" : ` with code ${code}`}`);
        if (e.shell === started) e.shell = null;
      });
      return { terminal, output };
    })();
    e.shell = started;
    started.catch(() => {
      if (e.shell === started) e.shell = null;
    });
  }
  return e.shell;
}

/** The running shell, if any, without starting one. */
export function runningShell(chatId: string): Promise<Shell> | null {
  return hub.get(chatId)?.shell ?? null;
}

/** Forgets a chat (deleted): closes its shell. */
export async function dropChat(chatId: string): Promise<void> {
  const e = hub.get(chatId);
  hub.delete(chatId);
  const shell = await e?.shell?.catch(() => null);
  await shell?.terminal.close();
}
