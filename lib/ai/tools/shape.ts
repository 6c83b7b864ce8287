// What a command's result looks like to the model and on a tool card: exit code, stdout and stderr
// cut in the middle past a limit (saying how much was dropped), duration, and why it stopped.
import type { ExecResult } from "../../sandbox/exec";
import type { CappedText } from "../../sandbox/output";

/** Per stream, what the model gets: this many characters from the start and from the end. */
export const MODEL_OUTPUT_HEAD = 6_000;
export const MODEL_OUTPUT_TAIL = 6_000;

export interface ShapedStream {
  text: string;
  /** Bytes of the command's output that are not in `text`. */
  droppedBytes: number;
}

/** A finished command as the sandbox reports it (exec, session or run_code). */
export type ExecLike = ExecResult & { sessionReset?: string; phase?: "compile" | "run"; language?: string };

/** The same, with stdout and stderr cut to what the model gets. */
export type ToolRunResult = Omit<ExecLike, "stdout" | "stderr"> & { stdout: ShapedStream; stderr: ShapedStream };

/** Cuts the middle out of text longer than head+tail characters, with a notice of what went. */
export function cutMiddle(capped: CappedText, head = MODEL_OUTPUT_HEAD, tail = MODEL_OUTPUT_TAIL): ShapedStream {
  // The sandbox's own cut (if any) is one notice in the middle; measure the output without it.
  const raw = capped.text.replace(/\n\[\.\.\. \d+ bytes dropped \.\.\.\]\n/, "");
  if (raw.length <= head + tail) return { text: capped.text, droppedBytes: capped.droppedBytes };
  const start = raw.slice(0, head);
  const end = raw.slice(raw.length - tail);
  const droppedBytes = capped.droppedBytes + Buffer.byteLength(raw) - Buffer.byteLength(start) - Buffer.byteLength(end);
  return { text: `${start}\n[... ${droppedBytes} bytes dropped ...]\n${end}`, droppedBytes };
}

export function shapeResult(result: ExecLike): ToolRunResult {
  const shaped: ToolRunResult = {
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    stdout: cutMiddle(result.stdout),
    stderr: cutMiddle(result.stderr),
    timedOut: result.timedOut,
    oomKilled: result.oomKilled,
    cancelled: result.cancelled,
  };
  if (result.failure) shaped.failure = result.failure;
  if (result.sessionReset) shaped.sessionReset = result.sessionReset;
  if (result.phase) shaped.phase = result.phase;
  if (result.language) shaped.language = result.language;
  return shaped;
}
