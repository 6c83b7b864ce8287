// The offline model's decisions, as plain functions: which tool calls a user message asks for,
// and what to say about their results. Deterministic, so tests and users can predict it.

import { findLanguage } from "../../sandbox/languages";

export type PlannedCall =
  | { toolName: "bash"; input: { command: string } }
  | { toolName: "run_code"; input: { language: string; code: string } };

const SHELL_FENCES = new Set(["bash", "sh", "shell", "console", "zsh"]);
const KNOWN_LANGUAGE = (name: string) => SHELL_FENCES.has(name) || findLanguage(name) !== undefined;

function callFor(language: string, code: string): PlannedCall {
  if (!language || SHELL_FENCES.has(language)) return { toolName: "bash", input: { command: code } };
  return { toolName: "run_code", input: { language, code } };
}

/** "$ " lines of text outside fences. */
function dollarLines(text: string): PlannedCall[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith("$ ") && line.slice(2).trim())
    .map((line) => ({ toolName: "bash", input: { command: line.slice(2).trim() } }));
}

/**
 * Every fenced code block becomes a run_code call in its language (a shell fence, or one with no
 * language, becomes a bash call); every line starting with "$ " outside fences becomes a bash call.
 * Fences may open mid-line ("run this: ```python") or sit on one line ("```python print(1)```").
 * Calls keep the order in which they appear.
 */
export function callsInMessage(text: string): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const opener = /(`{3,}|~{3,})([\w+#.-]*)/g;
  let cursor = 0;
  let m: RegExpExecArray | null;
  while ((m = opener.exec(text))) {
    calls.push(...dollarLines(text.slice(cursor, m.index)));
    const fence = m[1]!;
    let language = m[2]!.toLowerCase();
    let bodyStart = m.index + m[0].length;
    const newline = /^[ \t]*\r?\n/.exec(text.slice(bodyStart));
    const inline = !newline;
    bodyStart += newline ? newline[0].length : 0;
    const close = text.indexOf(fence, bodyStart);
    const bodyEnd = close === -1 ? text.length : close;
    let code = text.slice(bodyStart, bodyEnd);
    // "```ls -la```": no language, the word was the command.
    if (inline && language && !KNOWN_LANGUAGE(language)) {
      code = `${m[2]}${code}`;
      language = "";
    }
    code = code.replace(/\r?\n$/, "");
    if (inline) code = code.trim();
    if (code.trim()) calls.push(callFor(language, code));
    cursor = close === -1 ? text.length : close + fence.length;
    opener.lastIndex = cursor;
  }
  calls.push(...dollarLines(text.slice(cursor)));
  return calls;
}

export interface ToolOutcome {
  toolName: string;
  /** The tool's result object (exit code, stdout, ...) or an error text. */
  result?: { exitCode?: number | null; stdout?: { text: string }; stderr?: { text: string }; failure?: string; phase?: string };
  error?: string;
}

const lastLines = (text: string, n = 5) => {
  const lines = text.replace(/\s+$/, "").split("\n");
  return lines.slice(-n).join("\n");
};

/** The short reply after the tool results: each call's exit code and the last lines of its output. */
export function summarise(outcomes: ToolOutcome[]): string {
  const parts = outcomes.map((o, i) => {
    const label = outcomes.length > 1 ? `Call ${i + 1} (\`${o.toolName}\`)` : `The \`${o.toolName}\` call`;
    if (o.error) return `${label} failed: ${o.error}`;
    const r = o.result ?? {};
    const status = r.failure ? `${r.failure} (exit code ${r.exitCode ?? "none"})` : `exited with code ${r.exitCode ?? "none"}`;
    const phase = r.phase === "compile" ? " while compiling" : "";
    const out = lastLines(r.stdout?.text ?? "");
    const err = lastLines(r.stderr?.text ?? "");
    let text = `${label} ${status}${phase}.`;
    if (out) text += `\n\nLast lines of output:\n\n\`\`\`text\n${out}\n\`\`\``;
    if (err) text += `\n\nLast lines of stderr:\n\n\`\`\`text\n${err}\n\`\`\``;
    if (!out && !err) text += " It printed nothing.";
    return text;
  });
  return parts.join("\n\n");
}

export const OFFLINE_HELP = [
  "I am Caisson's **offline model**: no language model is configured, so I only run what you give me.",
  "",
  "- Every fenced code block in your message runs in its language (```` ```python ````, ```` ```c ````, ```` ```bash ````, ...).",
  "- Every line that starts with `$ ` runs as a shell command.",
  "",
  "For a real assistant, set `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, or `OPENAI_COMPATIBLE_BASE_URL` and `OPENAI_COMPATIBLE_MODELS` (Ollama, vLLM, LM Studio, llama.cpp) and restart the app.",
].join("\n");
