// run_code: write the code to a fresh folder, build it if the language needs it, run it with
// /mnt/data as the working directory. The result says which phase failed.
import { randomBytes } from "node:crypto";
import { SandboxError } from "./errors";
import type { ExecRequest, ExecResult } from "./exec";
import { LANGUAGES, type Language, findLanguage, sourceFile } from "./languages";
import type { Sandbox } from "./sandbox";

export interface RunCodeRequest extends Pick<ExecRequest, "timeoutMs" | "signal" | "onOutput"> {
  language: string;
  code: string;
  args?: string[];
  stdin?: string;
}

export interface RunCodeResult extends ExecResult {
  language: string;
  /** Which step produced this result: the build, or the program itself. */
  phase: "compile" | "run";
}

const RUN_ROOT = "/home/sandbox/.caisson/run";
/** Code up to this size travels in the exec's environment (one exec, no separate upload). */
const INLINE_CODE_BYTES = 64 * 1024;

/** The language for a name, if it is one of `available` (ids; default: the whole table). */
export function requireLanguage(name: string, available: string[] = LANGUAGES.map((l) => l.id)): Language {
  const language = findLanguage(name);
  if (!language || !available.includes(language.id)) {
    const what = language ? `${language.label} is not in this sandbox image (the slim variant)` : `Unknown language ${JSON.stringify(name)}`;
    throw new SandboxError("invalid:request", `${what}. Available: ${available.join(", ")}.`);
  }
  return language;
}

/**
 * The build-and-run script. Build output goes to stderr with a marker line so a compile failure can
 * be told from a run failure: the script exits with the build's status and prints the marker last.
 */
function script(language: Language, inline: boolean): string {
  // Inline code arrives in $CAISSON_CODE; it is written out and unset so the program never sees it.
  const write = inline ? `mkdir -p "$DIR" && printf '%s' "$CAISSON_CODE" > "$DIR/$FILE" || exit 125\nunset CAISSON_CODE\n` : "";
  const compile = language.compile
    ? `{ ${language.compile}; } >&2 || { s=$?; printf '\\n%s\\n' "$CAISSON_COMPILE_FAILED" >&2; exit $s; }\n`
    : "";
  // Folders of earlier runs are kept an hour (their binaries can be rerun), then removed.
  const tidy = `find ${RUN_ROOT} -mindepth 1 -maxdepth 1 -mmin +60 -exec rm -rf {} + 2>/dev/null\n`;
  return `${tidy}${write}${compile}${language.run}\n`;
}

export async function runCode(sandbox: Sandbox, request: RunCodeRequest): Promise<RunCodeResult> {
  const language = requireLanguage(request.language);
  if (typeof request.code !== "string") throw new SandboxError("invalid:request", "code must be a string");
  const dir = `${RUN_ROOT}/${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const inline = Buffer.byteLength(request.code) <= INLINE_CODE_BYTES && !request.code.includes("\0");
  const file = sourceFile(language, request.code);
  if (!inline) await sandbox.writeFile(`${dir}/${file}`, request.code);
  const marker = `__CAISSON_COMPILE_FAILED_${randomBytes(6).toString("hex")}__`;
  let markerSeen = false;
  const result = await sandbox.exec({
    command: ["bash", "-c", script(language, inline), language.id, ...(request.args ?? [])],
    env: { DIR: dir, FILE: file, CAISSON_COMPILE_FAILED: marker, ...language.vars?.(request.code), ...(inline ? { CAISSON_CODE: request.code } : {}) },
    stdin: request.stdin,
    timeoutMs: request.timeoutMs,
    signal: request.signal,
    onOutput: (chunk) => {
      const text = chunk.data.toString("utf8");
      if (chunk.stream === "stderr" && text.includes(marker)) {
        markerSeen = true;
        const rest = text.replace(`\n${marker}\n`, "").replace(marker, "");
        if (rest) request.onOutput?.({ ...chunk, data: Buffer.from(rest) });
        return;
      }
      request.onOutput?.(chunk);
    },
  });
  const phase = markerSeen || result.stderr.text.includes(marker) ? "compile" : "run";
  const clean = (t: string) => t.replace(`\n${marker}\n`, "").replace(marker, "");
  return { ...result, stderr: { ...result.stderr, text: clean(result.stderr.text) }, language: language.id, phase };
}
