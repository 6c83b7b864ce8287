// Live output for tool cards: the tail of what a running command printed so far, offered as
// preliminary tool output every so often (the final result replaces it).
import type { OutputChunk } from "../../sandbox/output";
import type { Recording } from "../../terminal/recorder";
import { type ExecLike, type ToolRunResult, shapeResult } from "./shape";

export interface RunningOutput {
  status: "running";
  stdout: string;
  stderr: string;
  /** Bytes printed so far that the preview no longer shows. */
  hiddenBytes: number;
}

const PREVIEW = 8_000;

export class LiveTail {
  private stdout = "";
  private stderr = "";
  private hidden = 0;
  private changed = false;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  push(chunk: OutputChunk): void {
    const text = this.decoders[chunk.stream].decode(chunk.data, { stream: true });
    let kept = this[chunk.stream] + text;
    if (kept.length > PREVIEW) {
      this.hidden += Buffer.byteLength(kept.slice(0, kept.length - PREVIEW));
      kept = kept.slice(kept.length - PREVIEW);
    }
    this[chunk.stream] = kept;
    this.changed = true;
  }

  /** A snapshot if anything arrived since the last one. */
  take(): RunningOutput | null {
    if (!this.changed) return null;
    this.changed = false;
    return { status: "running", stdout: this.stdout, stderr: this.stderr, hiddenBytes: this.hidden };
  }
}

/** Yields snapshots of `tail` every `intervalMs` while `run` is pending. */
export async function* previewWhile(run: Promise<unknown>, tail: LiveTail, intervalMs = 120): AsyncGenerator<RunningOutput> {
  let done = false;
  const settled = run.then(
    () => (done = true),
    () => (done = true),
  );
  yield { status: "running", stdout: "", stderr: "", hiddenBytes: 0 };
  while (!done) {
    await Promise.race([settled, new Promise((r) => setTimeout(r, intervalMs))]);
    if (done) break;
    const snapshot = tail.take();
    if (snapshot) yield snapshot;
  }
}

export type ToolOutput = RunningOutput | ({ status: "done" } & ToolRunResult);

/**
 * Runs a command for a tool: its output goes to the execution recorder (terminal transcript and
 * database) and, as previews, to the tool card; the last value is the shaped result for the model.
 */
export async function* runWithPreview(recording: Recording, start: (onOutput: (chunk: OutputChunk) => void) => Promise<ExecLike>): AsyncGenerator<ToolOutput> {
  const tail = new LiveTail();
  const run = start((chunk) => {
    tail.push(chunk);
    recording.output(chunk);
  });
  const recorded = run.then(
    (result) => recording.end(result),
    (error) => recording.fail(error),
  );
  yield* previewWhile(run, tail);
  const result = await run;
  await recorded;
  yield { status: "done", ...shapeResult(result) };
}
