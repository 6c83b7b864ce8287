// One chat's sandbox: its container, storage, shell sessions and terminals. Every operation marks
// the sandbox busy, starts the container if an idle stop had stopped it, and marks it idle again.
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import type { SandboxConfig } from "./config";
import { execCommand, type ExecRequest, type ExecResult, type ExecTarget } from "./exec";
import * as files from "./files";
import { runQuick } from "./process";
import { SessionEndedError, ShellSession, type SessionResult, type SessionRunRequest } from "./session";
import { ensureStorage, type StoragePaths } from "./storage";
import { Terminal, type TerminalOptions } from "./terminal";

export const DEFAULT_SESSION = "default";

export type SandboxState = "running" | "stopped";

export interface SandboxInfo {
  chatId: string;
  containerId: string;
  state: SandboxState;
  lastActiveAt: Date;
  sessions: string[];
  terminals: number;
}

export class Sandbox {
  private busy = 0;
  private lastActive = Date.now();
  private readonly sessions = new Map<string, Promise<ShellSession>>();
  private readonly terminals = new Set<Terminal>();
  /** Session names whose state was saved at the last idle stop, to restore on their next call. */
  private readonly savedSessions = new Set<string>();
  private oomKillsSeen = 0;
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(
    readonly chatId: string,
    readonly container: Docker.Container,
    readonly storage: StoragePaths,
    private readonly config: SandboxConfig,
    private state: SandboxState,
  ) {}

  get user(): string {
    return `${this.config.sandboxUid}:${this.config.sandboxUid}`;
  }

  info(): SandboxInfo {
    return {
      chatId: this.chatId,
      containerId: this.container.id,
      state: this.state,
      lastActiveAt: new Date(this.lastActive),
      sessions: [...this.sessions.keys()],
      terminals: this.terminals.size,
    };
  }

  get currentState(): SandboxState {
    return this.state;
  }

  /** How long nothing has run (terminal input counts as activity); 0 while something runs. */
  idleFor(now: number): number {
    return this.busy > 0 ? 0 : now - this.lastActive;
  }

  /** The moment of the last activity: an idle stop passes it back to stop only if nothing happened since. */
  get lastActiveAt(): number {
    return this.lastActive;
  }

  touch(): void {
    this.lastActive = Date.now();
  }

  private serialised(step: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(step);
    this.lifecycle = next.catch(() => {});
    return next;
  }

  private ensureRunning(): Promise<void> {
    // Always queued behind lifecycle steps: a stop already under way finishes, then we start again.
    return this.serialised(async () => {
      if (this.state === "running") return;
      await ensureStorage(this.storage, this.config.limits.diskBytes, this.config.sandboxUid);
      try {
        await this.container.start();
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 304) throw error; // 304: already running
      }
      this.oomKillsSeen = 0; // a started container has a fresh memory cgroup
      this.state = "running";
    });
  }

  /** Marks the sandbox busy for the duration of `work`, running the container first if needed. */
  private async use<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    this.touch();
    try {
      await this.ensureRunning();
      return await work();
    } finally {
      this.busy--;
      this.touch();
    }
  }

  private target(): ExecTarget {
    const { exec, limits } = this.config;
    return {
      container: this.container,
      user: this.user,
      defaultTimeoutMs: exec.defaultTimeoutMs,
      maxTimeoutMs: exec.maxTimeoutMs,
      headBytes: exec.headBytes,
      tailBytes: exec.tailBytes,
      memoryLimitBytes: limits.memoryBytes,
      oomKilledSince: () => this.oomKilledSince(),
      forceStop: () => this.forceStop(),
    };
  }

  /** Reads the container's OOM-kill counter (cgroup v1 or v2) and says whether it grew. */
  private async oomKilledSince(): Promise<boolean> {
    const { stdout } = await runQuick(this.container, this.user, [
      "sh",
      "-c",
      "cat /sys/fs/cgroup/memory.events 2>/dev/null || cat /sys/fs/cgroup/memory/memory.oom_control",
    ]);
    const count = Number(/oom_kill (\d+)/.exec(stdout)?.[1] ?? 0);
    const grew = count > this.oomKillsSeen;
    this.oomKillsSeen = count;
    return grew;
  }

  /** Called when the app adopts a container that was already running. */
  async adoptRunning(): Promise<void> {
    await this.oomKilledSince().catch(() => {});
  }

  exec(request: ExecRequest): Promise<ExecResult> {
    return this.use(() => execCommand(this.target(), request));
  }

  /** Runs a command in a named shell session (cwd and exported variables persist between calls). */
  runInSession(name: string, request: SessionRunRequest): Promise<SessionResult> {
    return this.use(async () => {
      try {
        return await (await this.session(name)).run(request);
      } catch (error) {
        if (!(error instanceof SessionEndedError)) throw error;
        // Queued behind a call that reset the shell: run in a fresh one.
        return (await this.session(name)).run(request);
      }
    });
  }

  /** The live session of that name, started (and, after an idle stop, restored) when there is none. */
  private async session(name: string): Promise<ShellSession> {
    const existing = this.sessions.get(name);
    if (existing) {
      const live = await existing.catch(() => null);
      if (live?.isAlive) return live;
      if (this.sessions.get(name) === existing) this.sessions.delete(name);
    }
    let started = this.sessions.get(name); // another call may have started one meanwhile
    if (!started) {
      const restore = this.savedSessions.delete(name);
      const starting = ShellSession.start(name, this.target(), restore);
      this.sessions.set(name, starting);
      starting.catch(() => this.sessions.get(name) === starting && this.sessions.delete(name));
      started = starting;
    }
    return started;
  }

  async openTerminal(options?: TerminalOptions): Promise<Terminal> {
    return this.use(async () => {
      const terminal = await Terminal.open(this.container, this.user, { ...options, onActivity: () => this.touch() });
      this.terminals.add(terminal);
      void terminal.exited.finally(() => this.terminals.delete(terminal));
      return terminal;
    });
  }

  writeFile(path: string, content: Buffer | string | Readable): Promise<string> {
    return this.use(() => files.writeFile(this.container, this.user, path, content));
  }

  readFile(path: string, maxBytes?: number): Promise<Buffer> {
    return this.use(() => files.readFile(this.container, this.user, path, maxBytes));
  }

  /** A file's bytes or a tar of a file or folder, streamed. */
  readStream(path: string, kind: "file" | "tar"): Promise<Readable> {
    return this.use(() => files.readStream(this.container, this.user, path, kind));
  }

  writeTar(folder: string, archive: Readable): Promise<string> {
    return this.use(() => files.writeTar(this.container, this.user, folder, archive));
  }

  listFolder(path = "/mnt/data"): Promise<files.FileEntry[]> {
    return this.use(() => files.listFolder(this.container, this.user, path));
  }

  /**
   * Stops the container, keeping its files. Shell sessions save their working folder and exported
   * variables first; running processes, shell-only variables and open terminals are lost.
   */
  stop(options: { ifLastActiveAt?: number } = {}): Promise<void> {
    return this.serialised(async () => {
      if (this.state === "stopped") return;
      // An idle stop is re-checked here: a call may have arrived while this step was queued.
      if (options.ifLastActiveAt !== undefined && (this.busy > 0 || this.lastActive !== options.ifLastActiveAt)) return;
      for (const [name, pending] of this.sessions) {
        const session = await pending.catch(() => null);
        if (session?.isAlive) {
          await session.saveState().then(
            () => this.savedSessions.add(name),
            () => {},
          );
        }
        session?.close();
      }
      this.sessions.clear();
      for (const terminal of this.terminals) await terminal.close();
      this.terminals.clear();
      await this.container.stop({ t: 2 }).catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 304 && error.statusCode !== 404) throw error;
      });
      this.state = "stopped";
    });
  }

  /** Kills the container outright (files stay); the next call starts it again. */
  forceStop(): Promise<void> {
    return this.serialised(async () => {
      this.closeAll();
      await this.container.kill().catch(() => {});
      this.state = "stopped";
    });
  }

  /** For the manager's delete: closes everything without saving. */
  closeAll(): void {
    for (const pending of this.sessions.values()) void pending.then((s) => s.close(), () => {});
    this.sessions.clear();
    for (const terminal of this.terminals) void terminal.close();
    this.terminals.clear();
  }
}
