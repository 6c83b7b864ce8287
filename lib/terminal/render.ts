// How executions look in the terminal transcript: a coloured prompt line, stdout as is, stderr in
// red, and a dim status line. The same text is streamed live and stored for replay after a reload.

const RESET = "\x1b[0m";
const DIM = "\x1b[2m";
const RED = "\x1b[31m";
const GREEN = "\x1b[32m";
const CYAN = "\x1b[36m";
const BOLD = "\x1b[1m";

export interface ExecutionHeader {
  source: "model" | "user";
  tool: "bash" | "run_code";
  /** The command line (bash) or the code (run_code). */
  command: string;
  language?: string | null;
}

export interface ExecutionFooter {
  exitCode: number | null;
  durationMs: number;
  failure?: string | null;
  droppedBytes?: number;
}

/** xterm needs \r\n; programs print \n. */
const crlf = (text: string) => text.replace(/\r?\n/g, "\r\n");

export function renderStart(header: ExecutionHeader): string {
  const who = header.source === "user" ? `${CYAN}you${RESET}` : `${CYAN}model${RESET}`;
  if (header.tool === "bash") return `${who} ${BOLD}${GREEN}$${RESET} ${crlf(header.command)}\r\n`;
  const lines = header.command.split("\n");
  const shown = lines.length > 12 ? [...lines.slice(0, 10), `… ${lines.length - 10} more lines`] : lines;
  return `${who} ${BOLD}${GREEN}▶ run_code ${header.language ?? ""}${RESET}\r\n${DIM}${shown.map((l) => `  ${l}`).join("\r\n")}${RESET}\r\n`;
}

export function renderOutput(stream: "stdout" | "stderr", text: string): string {
  return stream === "stderr" ? `${RED}${crlf(text)}${RESET}` : crlf(text);
}

export function renderEnd(footer: ExecutionFooter, endsWithNewline: boolean): string {
  const parts = [footer.exitCode === null ? "no exit code" : `exit ${footer.exitCode}`, `${footer.durationMs} ms`];
  if (footer.failure) parts.push(footer.failure);
  if (footer.droppedBytes) parts.push(`${footer.droppedBytes} bytes of output not kept`);
  const colour = footer.exitCode === 0 && !footer.failure ? DIM : `${DIM}${RED}`;
  return `${endsWithNewline ? "" : "\r\n"}${colour}[${parts.join(" · ")}]${RESET}\r\n\r\n`;
}
