// An interactive terminal: a login bash on a real TTY in the sandbox, for the terminal pane.
// Input is raw bytes (Ctrl-C is "\x03"), output is raw bytes with colours; closing kills it.
import type Docker from "dockerode";
import { killProcessTree, startProcess, type StartedProcess } from "./process";

export interface TerminalOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  /** Called on every input and output (keeps the sandbox from counting as idle). */
  onActivity?: () => void;
}

export class Terminal {
  private readonly dataListeners = new Set<(data: Buffer) => void>();
  /** Output that arrived before anyone listened (the first prompt can beat the subscriber). */
  private early: Buffer[] = [];
  private closed = false;
  /** Resolves with the shell's exit code when it ends (null when it was killed by close()). */
  readonly exited: Promise<number | null>;

  private constructor(
    private readonly container: Docker.Container,
    private readonly user: string,
    private proc: StartedProcess | null,
    started: Promise<StartedProcess>,
    private readonly onActivity?: () => void,
  ) {
    this.exited = started.then(async (p) => {
      this.proc = p;
      await p.ended;
      this.closed = true;
      return p.exitCode();
    });
  }

  static async open(container: Docker.Container, user: string, options: TerminalOptions = {}): Promise<Terminal> {
    let terminal!: Terminal;
    const started = startProcess(
      container,
      {
        cmd: ["bash", "-l"],
        user,
        cwd: options.cwd ?? "/mnt/data",
        env: { TERM: "xterm-256color", COLORTERM: "truecolor" },
        stdin: true,
        tty: true,
      },
      (_stream, data) => {
        options.onActivity?.();
        if (terminal.dataListeners.size === 0) terminal.early.push(Buffer.from(data));
        for (const listener of terminal.dataListeners) listener(Buffer.from(data));
      },
    );
    terminal = new Terminal(container, user, null, started, options.onActivity);
    const proc = await started;
    terminal.proc = proc;
    await terminal.resize(options.cols ?? 80, options.rows ?? 24);
    return terminal;
  }

  /** Subscribes to output (the first subscriber also gets what came before); returns the unsubscribe function. */
  onData(listener: (data: Buffer) => void): () => void {
    this.dataListeners.add(listener);
    const early = this.early;
    this.early = [];
    // After the caller has its unsubscribe function in hand; before any later output (a macrotask).
    if (early.length) queueMicrotask(() => early.forEach((data) => listener(data)));
    return () => this.dataListeners.delete(listener);
  }

  write(data: string | Buffer): void {
    this.onActivity?.();
    if (!this.closed) this.proc?.stream.write(data);
  }

  async resize(cols: number, rows: number): Promise<void> {
    const clamp = (n: number, max: number) => Math.max(1, Math.min(max, Math.floor(n)));
    if (!this.closed && this.proc) await this.proc.exec.resize({ w: clamp(cols, 1000), h: clamp(rows, 500) }).catch(() => {});
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Ends the shell and everything it started. */
  async close(): Promise<void> {
    if (this.closed || !this.proc) return;
    this.closed = true;
    await killProcessTree(this.container, this.user, this.proc.id).catch(() => {});
    this.proc.stream.destroy();
  }
}
