// Languages benchmark: for each language, a program through run_code (first run, then second run)
// against the same compile and run commands through plain `docker exec` in the same container, in
// the same run. The difference is Caisson's overhead, not the compiler's.
import { spawn } from "node:child_process";
import { LANGUAGES, sourceFile } from "../lib/sandbox/languages";
import { runCode } from "../lib/sandbox/run-code";
import { PROGRAMS } from "../test/fixtures/programs";
import { cleanUp, testManager, uniqueChat } from "../test/helpers/sandboxes";
import { summarise } from "./stats";

const GiB = 1024 ** 3;
const manager = testManager({ config: { limits: { memoryBytes: 2 * GiB, cpus: 2, pidsLimit: 512, tmpBytes: 256 * 1024 ** 2, diskBytes: 4 * GiB } } });
const ms = (v: number) => `${v.toFixed(0)} ms`;

function dockerExec(container: string, script: string, env: Record<string, string>, stdin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ["exec", "-i", "-u", "60321", "-w", "/mnt/data", ...Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]), container, "bash", "-c", script, "bench", "a"];
    const child = spawn("docker", args, { stdio: ["pipe", "ignore", "ignore"] });
    child.stdin.end(stdin);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`docker exec exited ${code}`))));
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

try {
  const sandbox = await manager.get(uniqueChat("bench-languages"));
  await sandbox.exec({ command: "true" });
  const container = sandbox.container.id;
  const rows: string[] = [];
  for (const language of LANGUAGES) {
    const code = PROGRAMS[language.id]!;
    const ours: number[] = [];
    const plain: number[] = [];
    // The first run of each (caches cold for run_code; the plain run after it finds them warm), then
    // five alternating warm runs of each: the comparison that isolates Caisson's overhead.
    for (let run = 0; run < 6; run++) {
      ours.push(await timed(() => runCode(sandbox, { language: language.id, code, args: ["a"], stdin: "x\n" })));
      const dir = `/home/sandbox/.caisson/bench/${language.id.replace(/\W/g, "_")}-${run}`;
      const file = sourceFile(language, code);
      await sandbox.writeFile(`${dir}/${file}`, code);
      const script = `${language.compile ? `{ ${language.compile}; } >&2 || exit 1\n` : ""}${language.run}\n`;
      plain.push(await timed(() => dockerExec(container, script, { DIR: dir, FILE: file, ...language.vars?.(code) }, "x\n")));
    }
    const warmOurs = summarise(ours.slice(1)).median;
    const warmPlain = summarise(plain.slice(1)).median;
    rows.push(`| ${language.label} | ${ms(ours[0]!)} | ${ms(warmOurs)} | ${ms(plain[0]!)} | ${ms(warmPlain)} | ${(warmOurs / warmPlain).toFixed(2)}x |`);
  }
  console.log("\n## Languages: hello world through run_code vs `docker exec` of the same compile+run\n");
  console.log("| language | run_code 1st | run_code warm (median of 5) | docker exec 1st | docker exec warm (median of 5) | warm ratio |");
  console.log("|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
} finally {
  await cleanUp(manager);
}
process.exit(process.exitCode ?? 0);
