// A named shell session: one long-lived bash in the container fed over its attached stdin, so
// `cd` and `export` carry over between calls and a call costs a write and a read, not an exec.
// Each call's end is found by a random marker per call; the call's output never contains it.
import { randomBytes } from "node:crypto";
import { SandboxError } from "./errors";
import { SIGKILL_EXIT, describeOom, describeTimeout, type ExecResult, type ExecTarget, effectiveTimeout, watchProcess } from "./exec";
import { CappedOutput, type OutputChunk, type StreamName } from "./output";
import { killProcessTree, startProcess, type StartedProcess } from "./process";

export const SESSION_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** Where a session's working folder and exported variables are kept across an idle stop. */
export const SESSION_STATE_DIR = "/home/sandbox/.caisson/sessions";

export interface SessionRunRequest {
  command: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: (chunk: OutputChunk) => void;
}

export interface SessionResult extends ExecResult {
  /** Set when the session had to be started again: what the caller lost, in words. */
  sessionReset?: string;
}

/** bash's $'...' quoting with every byte but plain ASCII letters and digits as \xHH: no fork, exact bytes. */
export function ansiCQuote(text: string): string {
  let out = "$'";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9 _.,:/=+-]/.test(c) ? c : `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return `${out}'`;
}

/** Length of the longest tail of `buf` that is a beginning of `needle`. */
function markerPrefixAtEnd(buf: Buffer, needle: Buffer): number {
  for (let k = Math.min(buf.length, needle.length - 1); k > 0; k--) {
    if (buf.subarray(buf.length - k).equals(needle.subarray(0, k))) return k;
  }
  return 0;
}

interface PendingCall {
  marker: string;
  out: { pending: Buffer; done: boolean };
  err: { pending: Buffer; done: boolean };
  exitCode: number | null;
  onChunk: (stream: StreamName, data: Buffer) => void;
  finish: () => void;
}

/** The session's shell was gone before the call could start (a call ahead of it reset it). */
export class SessionEndedError extends SandboxError {
  constructor(name: string) {
    super("failed:sandbox", `The shell session ${name} has ended.`);
  }
}

export class ShellSession {
  private call: PendingCall | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private alive = true;
  /** The session's bash pid inside the container, which is also its session id. */
  private constructor(
    readonly name: string,
    private readonly target: ExecTarget,
    private readonly proc: StartedProcess,
  ) {
    void proc.ended.then(() => {
      this.alive = false;
      this.call?.finish();
    });
  }

  get isAlive(): boolean {
    return this.alive;
  }

  static async start(name: string, target: ExecTarget, restore: boolean): Promise<ShellSession> {
    if (!SESSION_NAME.test(name)) throw new SandboxError("invalid:request", `Session names are 1-64 letters, digits, '.', '_' or '-'; got ${JSON.stringify(name)}.`);
    let session!: ShellSession;
    const proc = await startProcess(
      target.container,
      { cmd: ["bash", "--noprofile", "--norc"], user: target.user, cwd: "/mnt/data", stdin: true },
      (stream, data) => session.receive(stream, data),
    );
    session = new ShellSession(name, target, proc);
    // fds 198/199 keep the markers flowing even when a command redirects the shell's own stdout.
    const state = `${SESSION_STATE_DIR}/${name}.sh`;
    const setup = restore ? `[ -f ${state} ] && . ${state} 2>/dev/null; rm -f ${state}` : "true";
    const first = await session.run({ command: setup, timeoutMs: 10_000 }, "exec 198>&1 199>&2; ");
    if (first.exitCode === null && !session.alive) throw new SandboxError("failed:sandbox", `The shell session ${name} did not start: ${first.stderr.text}`);
    return session;
  }

  private receive(stream: StreamName, data: Buffer): void {
    const call = this.call;
    if (!call) return; // output of a background job between calls: nobody is listening
    const side = stream === "stdout" ? call.out : call.err;
    if (side.done) return;
    const buf = side.pending.length ? Buffer.concat([side.pending, data]) : data;
    const needle = Buffer.from(call.marker);
    const at = buf.indexOf(needle);
    if (at >= 0) {
      if (at > 0) call.onChunk(stream, buf.subarray(0, at));
      if (stream === "stdout") {
        const rest = buf.subarray(at + needle.length).toString("latin1");
        const m = /^(\d+)\n/.exec(rest);
        if (!m) {
          side.pending = Buffer.from(buf.subarray(at)); // exit code not complete yet
          return;
        }
        call.exitCode = Number(m[1]);
      }
      side.done = true;
      side.pending = Buffer.alloc(0);
      if (call.out.done && call.err.done) call.finish();
      return;
    }
    // Hold back only a tail that could be the start of the marker; deliver the rest now.
    const safe = buf.length - markerPrefixAtEnd(buf, needle);
    if (safe > 0) call.onChunk(stream, buf.subarray(0, safe));
    side.pending = Buffer.from(buf.subarray(safe));
  }

  /** Runs one command in the session; calls queue behind each other. */
  run(request: SessionRunRequest, prefix = ""): Promise<SessionResult> {
    const result = this.queue.then(() => this.runNow(request, prefix));
    this.queue = result.catch(() => {});
    return result;
  }

  private async runNow(request: SessionRunRequest, prefix: string): Promise<SessionResult> {
    if (request.command.includes("\0")) throw new SandboxError("invalid:request", "The command contains a NUL byte.");
    const timeoutMs = effectiveTimeout(this.target, request.timeoutMs);
    const stdout = new CappedOutput(this.target.headBytes, this.target.tailBytes);
    const stderr = new CappedOutput(this.target.headBytes, this.target.tailBytes);
    const started = Date.now();
    if (!this.alive) throw new SessionEndedError(this.name);
    const marker = `__CAISSON_${randomBytes(12).toString("hex")}__`;
    const finished = new Promise<void>((resolve) => {
      this.call = {
        marker,
        out: { pending: Buffer.alloc(0), done: false },
        err: { pending: Buffer.alloc(0), done: false },
        exitCode: null,
        onChunk: (stream, data) => {
          (stream === "stdout" ? stdout : stderr).push(data);
          request.onOutput?.({ stream, data: Buffer.from(data), at: Date.now() });
        },
        finish: resolve,
      };
    });
    const call = this.call!;
    const watch = watchProcess(this.target, this.proc, timeoutMs, request.signal);
    // The command's own stdin is /dev/null: the session's stdin is this protocol.
    this.proc.stream.write(
      `${prefix}eval ${ansiCQuote(request.command)} < /dev/null; printf '%s%d\\n' ${marker} "$?" >&198; printf '%s\\n' ${marker} >&199\n`,
    );
    try {
      await finished;
    } finally {
      this.call = null;
      await watch.release();
    }
    const { timedOut, cancelled } = watch;
    // Whatever was held back waiting for a marker that never came is still output.
    for (const [side, sink] of [[call.out, stdout], [call.err, stderr]] as const) if (!side.done && side.pending.length) sink.push(side.pending);
    const durationMs = Date.now() - started;
    let exitCode = call.exitCode;
    let sessionReset: string | undefined;
    if (!this.alive) {
      exitCode ??= await this.proc.exitCode();
      const lost = "its working directory, variables and background jobs are gone; the next call starts a fresh shell in /mnt/data";
      sessionReset = timedOut
        ? `${describeTimeout(timeoutMs)}: the session ${this.name} was reset (${lost})`
        : cancelled
          ? `cancelled: the session ${this.name} was reset (${lost})`
          : `the shell of session ${this.name} exited (${lost})`;
    }
    const oomKilled = !timedOut && !cancelled && exitCode === SIGKILL_EXIT && (await this.target.oomKilledSince());
    const failure = timedOut ? describeTimeout(timeoutMs) : cancelled ? "cancelled" : oomKilled ? describeOom(this.target.memoryLimitBytes) : undefined;
    return { exitCode, durationMs, stdout: stdout.result(), stderr: stderr.result(), timedOut, cancelled, oomKilled, failure, sessionReset };
  }

  /** Writes the working folder and exported variables to HOME so a later session can resume them. */
  async saveState(): Promise<void> {
    if (!this.alive) return;
    const file = `${SESSION_STATE_DIR}/${this.name}.sh`;
    await this.run({
      command: `mkdir -p ${SESSION_STATE_DIR} && { printf 'cd %q\\n' "$PWD"; export -p; } > ${file}`,
      timeoutMs: 5000,
    });
  }

  close(): void {
    this.alive = false;
    this.proc.stream.destroy();
    void killProcessTree(this.target.container, this.target.user, this.proc.id).catch(() => {});
  }
}
