// One process in a running container over the Docker API: create the exec, attach its streams,
// feed stdin, report exit. Each exec runs as its own session leader (runc does setsid), and
// records its pid under /run/caisson so `killProcessTree` can end everything it started.
import { randomBytes } from "node:crypto";
import type { Duplex, Readable } from "node:stream";
import type Docker from "dockerode";
import { createDemuxer, type StreamName } from "./output";

/** Writable only by the sandbox's own processes; a small tmpfs, separate from /tmp. */
export const PID_DIR = "/run/caisson";

export interface ProcessSpec {
  /** argv; runs with PATH lookup. */
  cmd: string[];
  user: string;
  cwd?: string;
  env?: Record<string, string>;
  /** Keep stdin open for writing (sessions, terminals, uploads). Without it stdin is empty. */
  stdin?: boolean;
  tty?: boolean;
}

export interface StartedProcess {
  /** Identifies the process tree for killProcessTree. */
  id: string;
  /** The raw attach stream: write stdin here. */
  stream: Duplex;
  exec: Docker.Exec;
  /** Resolves when the output stream has ended. */
  ended: Promise<void>;
  /** The exit code once the process has ended (null if Docker could not say). */
  exitCode(): Promise<number | null>;
}

export function newProcessId(): string {
  return randomBytes(8).toString("hex");
}

// Runs "$@" after recording its pid (= its session id, runc makes every exec a session leader).
// When it ends, whatever it left running in its session is killed with shell builtins only, so
// this works even when a fork bomb holds every pid the container may have.
const TRACKED_WRAPPER = `echo $$ > "$0" 2>/dev/null
"$@"; s=$?
me=$$; round=0
while [ $round -lt 100 ]; do
  left=0
  for d in /proc/[0-9]*; do
    p=\${d#/proc/}; [ "$p" = "$me" ] && continue
    read -r st < "$d/stat" 2>/dev/null || continue
    set -- \${st##*) }
    [ "$4" = "$me" ] || continue
    kill -KILL "$p" 2>/dev/null; left=1
  done
  [ $left = 0 ] && break; round=$((round+1))
done
rm -f "$0"; exit $s`;

/** Wraps argv so its process tree can be found (and is cleaned up when the command ends). */
export function trackedCommand(id: string, cmd: string[]): string[] {
  return ["sh", "-c", TRACKED_WRAPPER, `${PID_DIR}/${id}`, ...cmd];
}

const envList = (env?: Record<string, string>) => (env ? Object.entries(env).map(([k, v]) => `${k}=${v}`) : undefined);

/**
 * Starts a tracked process. Output is delivered synchronously to `onOutput` (demultiplexed unless
 * tty), so nothing accumulates in the app however much the process prints.
 */
export async function startProcess(
  container: Docker.Container,
  spec: ProcessSpec,
  onOutput: (stream: StreamName, data: Buffer) => void,
  id = newProcessId(),
): Promise<StartedProcess> {
  const exec = await container.exec({
    Cmd: trackedCommand(id, spec.cmd),
    User: spec.user,
    WorkingDir: spec.cwd,
    Env: envList(spec.env),
    AttachStdin: !!spec.stdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: !!spec.tty,
  });
  const stream = (await exec.start({ hijack: true, stdin: !!spec.stdin, Tty: !!spec.tty })) as Duplex;
  const deliver = spec.tty ? (chunk: Buffer) => onOutput("stdout", chunk) : createDemuxer(onOutput);
  const ended = new Promise<void>((resolve) => {
    stream.on("data", deliver);
    stream.once("end", resolve);
    stream.once("close", resolve);
    stream.once("error", () => resolve());
  });
  if (!spec.stdin) (stream as Duplex).end?.();
  return {
    id,
    stream,
    exec,
    ended,
    async exitCode() {
      // Docker may report Running for a moment after the stream closes.
      for (let attempt = 0; attempt < 50; attempt++) {
        const info = await exec.inspect();
        if (!info.Running) return info.ExitCode ?? null;
        await new Promise((r) => setTimeout(r, 20));
      }
      return null;
    },
  };
}

/**
 * Kills the process tree started under `id`: its process group and anything else in its session,
 * from inside the container as the sandbox user (so it can never touch anything else).
 */
export async function killProcessTree(container: Docker.Container, user: string, id: string): Promise<void> {
  const script =
    'f="$0"; i=0; while [ ! -s "$f" ] && [ $i -lt 20 ]; do sleep 0.05; i=$((i+1)); done; ' +
    'p=$(cat "$f" 2>/dev/null) || exit 0; [ -n "$p" ] || exit 0; ' +
    'kill -KILL -- "-$p" 2>/dev/null; pkill -KILL -s "$p" 2>/dev/null; rm -f "$f"; exit 0';
  const exec = await container.exec({ Cmd: ["sh", "-c", script, `${PID_DIR}/${id}`], User: user, AttachStdout: true, AttachStderr: true });
  const stream = (await exec.start({ hijack: true, stdin: false })) as Readable;
  await new Promise<void>((resolve) => {
    stream.on("data", () => {});
    stream.once("end", resolve);
    stream.once("close", resolve);
    stream.once("error", () => resolve());
  });
  // When every pid is taken (a fork bomb), the kill itself cannot start: say so, so the caller can stop the container.
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) throw new Error(`the kill helper could not run (exit ${ExitCode})`);
}

/** Runs a short helper command to completion and returns its output (for internal checks). */
export async function runQuick(
  container: Docker.Container,
  user: string,
  cmd: string[],
  stdin?: Buffer,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const proc = await startProcess(container, { cmd, user, stdin: !!stdin }, (s, d) => (s === "stdout" ? out : err).push(Buffer.from(d)));
  if (stdin) proc.stream.end(stdin);
  await proc.ended;
  return { exitCode: await proc.exitCode(), stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}
