// Records each execution in a chat's sandbox: streams it into the terminal transcript as it runs and
// hands a finished record (command, exit code, duration, output head and tail) to `save`.
import { randomUUID } from "node:crypto";
import { CappedOutput, type CappedText, type OutputChunk } from "../sandbox/output";
import { type ExecutionHeader, renderEnd, renderOutput, renderStart } from "./render";
import type { StreamBuffer } from "./stream-buffer";

export interface ExecutionRecord extends ExecutionHeader {
  id: string;
  chatId: string;
  toolCallId: string | null;
  exitCode: number | null;
  durationMs: number;
  failure: string | null;
  timedOut: boolean;
  oomKilled: boolean;
  outputHead: string;
  outputTail: string;
  droppedBytes: number;
  startedAt: Date;
  finishedAt: Date;
}

interface FinishedRun {
  exitCode: number | null;
  durationMs: number;
  timedOut: boolean;
  oomKilled: boolean;
  failure?: string;
  sessionReset?: string;
  phase?: "compile" | "run";
}

export interface Recording {
  id: string;
  output(chunk: OutputChunk): void;
  end(result: FinishedRun): Promise<void>;
  fail(error: unknown): Promise<void>;
}

export interface ExecutionRecorder {
  start(header: ExecutionHeader & { toolCallId?: string }): Recording;
}

/** Kept per execution for replay: the rendered text's first and last 16 KB. */
const KEEP = 16 * 1024;

export function splitCapped(capped: CappedText): { head: string; tail: string } {
  const notice = /\n\[\.\.\. \d+ bytes dropped \.\.\.\]\n/.exec(capped.text);
  if (!notice) return { head: capped.text, tail: "" };
  return { head: capped.text.slice(0, notice.index), tail: capped.text.slice(notice.index + notice[0].length) };
}

export function createRecorder(chatId: string, transcript: StreamBuffer, save: (record: ExecutionRecord) => Promise<void>): ExecutionRecorder {
  return {
    start(header) {
      const id = randomUUID();
      const startedAt = new Date();
      const kept = new CappedOutput(KEEP, KEEP);
      const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
      let lastChar = "\n";
      transcript.append(renderStart(header));
      const finish = async (run: FinishedRun) => {
        const failure = [run.failure, run.sessionReset, run.phase === "compile" ? "compile failed" : undefined].filter(Boolean).join("; ") || null;
        const capped = kept.result();
        transcript.append(renderEnd({ exitCode: run.exitCode, durationMs: run.durationMs, failure, droppedBytes: capped.droppedBytes }, lastChar === "\n"));
        const { head, tail } = splitCapped(capped);
        await save({
          id,
          chatId,
          ...header,
          language: header.language ?? null,
          toolCallId: header.toolCallId ?? null,
          exitCode: run.exitCode,
          durationMs: run.durationMs,
          failure,
          timedOut: run.timedOut,
          oomKilled: run.oomKilled,
          outputHead: head,
          outputTail: tail,
          droppedBytes: capped.droppedBytes,
          startedAt,
          finishedAt: new Date(),
        }).catch((error) => console.error(`could not store execution ${id}:`, error));
      };
      return {
        id,
        output(chunk) {
          const text = decoders[chunk.stream].decode(chunk.data, { stream: true });
          if (!text) return;
          lastChar = text.at(-1)!;
          const rendered = renderOutput(chunk.stream, text);
          kept.push(Buffer.from(rendered));
          transcript.append(rendered);
        },
        end: finish,
        async fail(error) {
          const message = error instanceof Error ? error.message : String(error);
          this.output({ stream: "stderr", data: Buffer.from(`${message}\n`), at: Date.now() });
          await finish({ exitCode: null, durationMs: Date.now() - startedAt.getTime(), timedOut: false, oomKilled: false, failure: "could not run" });
        },
      };
    },
  };
}

/** The transcript text of a stored execution, for replay after a reload. */
export function replayText(record: Pick<ExecutionRecord, keyof ExecutionHeader | "exitCode" | "durationMs" | "failure" | "outputHead" | "outputTail" | "droppedBytes">): string {
  const output = record.droppedBytes
    ? `${record.outputHead}\r\n\x1b[2m[... ${record.droppedBytes} bytes not kept ...]\x1b[0m\r\n${record.outputTail}`
    : record.outputHead + record.outputTail;
  const endsWithNewline = output === "" || /\n(\x1b\[0m)?$/.test(output);
  return renderStart(record) + output + renderEnd({ exitCode: record.exitCode, durationMs: record.durationMs, failure: record.failure }, endsWithNewline);
}
