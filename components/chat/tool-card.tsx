"use client";
import type { RunningOutput, ToolRunResult } from "@/lib/ai/types";
import { CodeBlock } from "./code-block";

type ToolOutput = RunningOutput | ({ status: "done" } & ToolRunResult);

export interface ToolPartView {
  type: string;
  toolCallId: string;
  state: string;
  input?: unknown;
  output?: ToolOutput;
  errorText?: string;
  preliminary?: boolean;
}

const LANG_HINT: Record<string, string> = { python: "python", javascript: "javascript", bash: "bash", c: "c", "c++": "cpp" };

function Badge({ tone, children, testId }: { tone: "run" | "ok" | "bad" | "muted"; children: React.ReactNode; testId?: string }) {
  const colours = {
    run: "bg-sky-500/15 text-sky-300 border-sky-500/30",
    ok: "bg-emerald-500/15 text-emerald-300 border-emerald-500/30",
    bad: "bg-rose-500/15 text-rose-300 border-rose-500/30",
    muted: "bg-zinc-500/15 text-zinc-300 border-zinc-500/30",
  }[tone];
  return (
    <span data-testid={testId} className={`rounded border px-1.5 py-0.5 font-mono text-[11px] ${colours}`}>
      {children}
    </span>
  );
}

function Output({ stdout, stderr }: { stdout: string; stderr: string }) {
  if (!stdout && !stderr) return null;
  return (
    <pre data-testid="tool-output" className="m-0 max-h-96 overflow-auto whitespace-pre-wrap break-words border-t border-zinc-800 bg-black/40 px-3 py-2 font-mono text-[12.5px] leading-5">
      {stdout}
      {stderr && <span className="text-rose-300">{stderr}</span>}
    </pre>
  );
}

/** One tool call: what ran, its output (live while running), then exit code and duration. */
export function ToolCard({ part, streaming }: { part: ToolPartView; streaming: boolean }) {
  const tool = part.type.replace(/^tool-/, "");
  const input = (part.input ?? {}) as { command?: string; code?: string; language?: string; session?: string };
  const source = tool === "bash" ? (input.command ?? "") : (input.code ?? "");
  const language = tool === "bash" ? "bash" : LANG_HINT[input.language ?? ""] ?? input.language;
  const output = part.output;
  const unfinished = part.state === "input-streaming" || part.state === "input-available" || output?.status === "running";
  // A card left unfinished by a reply that is no longer streaming was stopped.
  const running = unfinished && streaming;
  const stopped = unfinished && !streaming;
  const done = output?.status === "done" ? output : undefined;
  const failedBeforeRun = part.state === "output-error";
  const texts = !output ? null : output.status === "running" ? { stdout: output.stdout, stderr: output.stderr } : { stdout: output.stdout.text, stderr: output.stderr.text };
  const dropped = done ? done.stdout.droppedBytes + done.stderr.droppedBytes : output?.status === "running" ? output.hiddenBytes : 0;

  return (
    <div data-testid="tool-card" data-tool={tool} data-state={running ? "running" : stopped ? "stopped" : failedBeforeRun ? "error" : "done"} className="my-2 overflow-hidden rounded-lg border border-zinc-800 bg-zinc-900/60">
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-3 py-1.5 text-xs text-zinc-400">
        <span className="font-mono font-semibold text-zinc-200">{tool === "bash" ? "bash" : `run_code · ${input.language ?? "?"}`}</span>
        {input.session && <span className="font-mono">session {input.session}</span>}
        <span className="ml-auto flex items-center gap-1.5">
          {running && (
            <Badge tone="run" testId="tool-running">
              <span className="mr-1 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-sky-300 align-middle" />
              running
            </Badge>
          )}
          {done && (
            <Badge tone={done.exitCode === 0 && !done.failure ? "ok" : "bad"} testId="tool-exit">
              {done.phase === "compile" ? "compile · " : ""}exit {done.exitCode ?? "–"}
            </Badge>
          )}
          {done && <Badge tone="muted" testId="tool-duration">{formatDuration(done.durationMs)}</Badge>}
          {failedBeforeRun && <Badge tone="bad" testId="tool-error">error</Badge>}
          {stopped && <Badge tone="bad" testId="tool-stopped">stopped</Badge>}
        </span>
      </div>
      {source && <CodeBlock code={source} language={language} />}
      {texts && <Output stdout={texts.stdout} stderr={texts.stderr} />}
      {(done?.failure || done?.sessionReset) && (
        <div className="border-t border-zinc-800 px-3 py-1.5 text-xs text-amber-300">{[done.failure, done.sessionReset].filter(Boolean).join(" · ")}</div>
      )}
      {dropped > 0 && (
        <div data-testid="tool-truncated" className="border-t border-zinc-800 px-3 py-1.5 text-xs text-zinc-400">
          Output cut: {dropped.toLocaleString()} bytes from the middle are not shown.
        </div>
      )}
      {failedBeforeRun && <div className="border-t border-zinc-800 px-3 py-2 text-sm text-rose-300">{part.errorText}</div>}
    </div>
  );
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
