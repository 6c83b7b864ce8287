// One-shot command execution with everything a caller needs: live chunks with timestamps,
// stdout/stderr kept apart and capped (head + tail), timeout and cancellation that kill the whole
// process tree, and an exit that says why (timeout, out of memory, cancelled).
import type Docker from "dockerode";
import { formatBytes } from "./config";
import { SandboxError } from "./errors";
import { CappedOutput, type CappedText, type OutputChunk } from "./output";
import { killProcessTree, newProcessId, type StartedProcess, startProcess } from "./process";

export interface ExecRequest {
  /** A bash command line (`bash -c`), or an argv to run as is. */
  command: string | string[];
  /** Working directory inside the sandbox; default /mnt/data. */
  cwd?: string;
  env?: Record<string, string>;
  /** Given: written then closed. Absent: the command reads EOF at once. */
  stdin?: string | Buffer;
  /** Default and maximum come from the sandbox config. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called for each chunk as it arrives; must not block. */
  onOutput?: (chunk: OutputChunk) => void;
}

export interface ExecResult {
  /** The process's exit code (128+N when a signal ended it); null when Docker could not say. */
  exitCode: number | null;
  durationMs: number;
  stdout: CappedText;
  stderr: CappedText;
  timedOut: boolean;
  cancelled: boolean;
  oomKilled: boolean;
  /** Why the command did not end by itself, in words: "timed out after 5 s", "killed: out of memory, limit 512 MiB". */
  failure?: string;
}

export interface ExecTarget {
  container: Docker.Container;
  user: string;
  defaultTimeoutMs: number;
  maxTimeoutMs: number;
  headBytes: number;
  tailBytes: number;
  memoryLimitBytes: number;
  /** Whether the kernel OOM-killed something in this sandbox since the last call. */
  oomKilledSince(): Promise<boolean>;
  /** Last resort when a process tree cannot be killed from inside (e.g. a fork bomb holds every pid): stop the container. */
  forceStop(): Promise<void>;
}

export function effectiveTimeout(target: Pick<ExecTarget, "defaultTimeoutMs" | "maxTimeoutMs">, requested?: number): number {
  if (requested === undefined) return target.defaultTimeoutMs;
  if (!Number.isFinite(requested) || requested <= 0) throw new SandboxError("invalid:request", "timeout must be a positive number of milliseconds");
  return Math.min(requested, target.maxTimeoutMs);
}

export const SIGKILL_EXIT = 137;

export function describeTimeout(ms: number): string {
  return `timed out after ${+(ms / 1000).toFixed(1)} s`;
}

export function describeOom(limitBytes: number): string {
  return `killed: out of memory, limit ${formatBytes(limitBytes)}`;
}

export interface ProcessWatch {
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  /** Stops watching; waits for a kill that is under way. */
  release(): Promise<void>;
}

/**
 * Kills a process tree when its time is up or its caller aborts, and remembers which it was. If the
 * tree cannot be killed from inside (no pid left for the kill), the container is stopped instead.
 */
export function watchProcess(target: ExecTarget, proc: StartedProcess, timeoutMs: number, signal?: AbortSignal): ProcessWatch {
  let timedOut = false;
  let cancelled = false;
  let killing: Promise<void> | undefined;
  const kill = () => {
    killing ??= killProcessTree(target.container, target.user, proc.id).catch(() => target.forceStop());
    // If something outside the tree still holds the stream open, stop waiting for it.
    setTimeout(() => proc.stream.destroy(), 3000).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  const onAbort = () => {
    cancelled = true;
    kill();
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return {
    get timedOut() {
      return timedOut;
    },
    get cancelled() {
      return cancelled;
    },
    async release() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      await killing;
    },
  };
}

export async function execCommand(target: ExecTarget, request: ExecRequest): Promise<ExecResult> {
  const timeoutMs = effectiveTimeout(target, request.timeoutMs);
  if (request.signal?.aborted) throw new SandboxError("invalid:request", "The command was cancelled before it started.");
  const cmd = typeof request.command === "string" ? ["bash", "-c", request.command] : request.command;
  if (cmd.length === 0 || cmd.some((a) => a.includes("\0"))) throw new SandboxError("invalid:request", "The command is empty or contains a NUL byte.");

  const stdout = new CappedOutput(target.headBytes, target.tailBytes);
  const stderr = new CappedOutput(target.headBytes, target.tailBytes);
  const started = Date.now();
  const id = newProcessId();
  const proc = await startProcess(
    target.container,
    { cmd, user: target.user, cwd: request.cwd ?? "/mnt/data", env: request.env, stdin: request.stdin !== undefined },
    (stream, data) => {
      (stream === "stdout" ? stdout : stderr).push(data);
      request.onOutput?.({ stream, data, at: Date.now() });
    },
    id,
  );
  if (request.stdin !== undefined) proc.stream.end(request.stdin);

  const watch = watchProcess(target, proc, timeoutMs, request.signal);
  try {
    await proc.ended;
  } finally {
    await watch.release();
  }
  const { timedOut, cancelled } = watch;
  const exitCode = await proc.exitCode();
  const durationMs = Date.now() - started;
  const oomKilled = !timedOut && !cancelled && exitCode === SIGKILL_EXIT && (await target.oomKilledSince());
  const failure = timedOut ? describeTimeout(timeoutMs) : cancelled ? "cancelled" : oomKilled ? describeOom(target.memoryLimitBytes) : undefined;
  return { exitCode, durationMs, stdout: stdout.result(), stderr: stderr.result(), timedOut, cancelled, oomKilled, failure };
}
