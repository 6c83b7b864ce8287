// Timing helpers for `npm run bench`: repeat, summarise, compare with a baseline from the same run.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export const execFileAsync = promisify(execFile);

export interface Summary {
  min: number;
  median: number;
  p95: number;
  n: number;
}

export function summarise(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
  return { min: s[0]!, median: at(0.5), p95: at(0.95), n: s.length };
}

/** Runs `fn` `warmup` times unmeasured, then `n` times measured; returns milliseconds per run. */
export async function measure(n: number, fn: () => Promise<unknown>, warmup = 2): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const reported = await fn();
    // A function may measure a point inside itself (first byte) and return that instead.
    samples.push(typeof reported === "number" ? reported : Number(process.hrtime.bigint() - t) / 1e6);
  }
  return summarise(samples);
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

export interface Row {
  what: string;
  ours: Summary;
  baselineName: string;
  baseline: Summary;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n## ${title}\n`);
  console.log("| measurement | Caisson min / median / p95 | baseline | baseline min / median / p95 | median ratio |");
  console.log("|---|---|---|---|---|");
  for (const r of rows) {
    const fmt = (s: Summary) => `${ms(s.min)} / ${ms(s.median)} / ${ms(s.p95)}`;
    console.log(`| ${r.what} (n=${r.ours.n}) | ${fmt(r.ours)} | ${r.baselineName} | ${fmt(r.baseline)} | ${(r.ours.median / r.baseline.median).toFixed(2)}x |`);
  }
}
