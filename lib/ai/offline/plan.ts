// The offline model's decisions, as plain functions: which tool calls a user message asks for,
// and what to say about their results. Deterministic, so tests and users can predict it.

export type PlannedCall =
  | { toolName: "bash"; input: { command: string } }
  | { toolName: "run_code"; input: { language: string; code: string } };

const SHELL_FENCES = new Set(["bash", "sh", "shell", "console", "zsh"]);

/**
 * Every fenced code block becomes a run_code call in its language (a shell fence, or one with no
 * language, becomes a bash call); every line starting with "$ " outside fences becomes a bash call.
 * Calls keep the order in which they appear.
 */
export function callsInMessage(text: string): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)\s*$/.exec(line);
    if (fence) {
      const close = new RegExp(`^\\s*${fence[1]![0] === "`" ? "`" : "~"}{${fence[1]!.length},}\\s*$`);
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !close.test(lines[j]!)) body.push(lines[j++]!);
      i = j;
      const code = body.join("\n");
      if (!code.trim()) continue;
      const language = fence[2]!.toLowerCase();
      if (!language || SHELL_FENCES.has(language)) calls.push({ toolName: "bash", input: { command: code } });
      else calls.push({ toolName: "run_code", input: { language, code } });
      continue;
    }
    // An inline fence on one line: "run this: ```python print(2**100)```".
    const inline = /```([\w+#.-]+)\s+([\s\S]*?)```/g;
    let m: RegExpExecArray | null;
    let found = false;
    while ((m = inline.exec(line))) {
      found = true;
      const language = m[1]!.toLowerCase();
      const code = m[2]!.trim();
      if (!code) continue;
      if (SHELL_FENCES.has(language)) calls.push({ toolName: "bash", input: { command: code } });
      else calls.push({ toolName: "run_code", input: { language, code } });
    }
    if (found) continue;
    if (line.startsWith("$ ") && line.slice(2).trim()) calls.push({ toolName: "bash", input: { command: line.slice(2).trim() } });
  }
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
