// Chat benchmark: time to first streamed token through the app against the scripted provider
// straight, and from sending a run_code message to the first output byte on the terminal stream
// against `docker exec` of the same program in the same container. Needs a built app (.next).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileAsync, measure, printRows, type Row } from "./stats";

// A benchmark that hangs is a failed benchmark: stop after five minutes and say so.
setTimeout(() => {
  console.error("bench/chat.ts: gave up after 5 minutes");
  for (const child of children) child.kill("SIGKILL");
  process.exit(1);
}, 300_000).unref();

const PROVIDER = 3411;
const APP = 3401;
const children: ChildProcess[] = [];
const created: string[] = [];

function start(command: string, args: string[], env: Record<string, string> = {}): void {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  child.on("exit", (code) => code && console.error(`${command} exited with ${code}`));
  children.push(child);
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** Reads a streamed response until `match` sees a chunk it wants; returns the milliseconds taken. */
async function timeToFirst(response: Promise<Response>, started: number, match: (text: string) => boolean): Promise<number> {
  const body = (await response).body!.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  for (;;) {
    const { value, done } = await body.read();
    if (done) throw new Error(`stream ended without the expected chunk: ${seen.slice(-300)}`);
    seen += decoder.decode(value, { stream: true });
    if (match(seen)) {
      const ms = performance.now() - started;
      await body.cancel();
      return ms;
    }
  }
}

const db = path.join(mkdtempSync(path.join(os.tmpdir(), "caisson-bench-")), "bench.db");
const env: Record<string, string> = {
  DATABASE_URL: `file:${db}`,
  OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${PROVIDER}/v1`,
  OPENAI_COMPATIBLE_MODELS: "scripted-1",
  CAISSON_DEFAULT_MODEL: "compatible:scripted-1",
  CAISSON_INSTANCE: "bench",
};
try {
  await execFileAsync("npx", ["--no-install", "prisma", "migrate", "deploy"], { env: { ...process.env, ...env } });
  start("npx", ["--no-install", "tsx", "e2e/scripted-provider.ts", String(PROVIDER)]);
  start("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(APP)], env);
  await waitFor(`http://127.0.0.1:${PROVIDER}/health`);
  await waitFor(`http://127.0.0.1:${APP}/api/health`);

  const chatId = async () => {
    const response = await fetch(`http://127.0.0.1:${APP}/api/chats`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const id = ((await response.json()) as { chat: { id: string } }).chat.id;
    created.push(id);
    return id;
  };
  const turn = (id: string, text: string) =>
    fetch(`http://127.0.0.1:${APP}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id, messages: [{ id: `u${Math.random()}`, role: "user", parts: [{ type: "text", text }] }] }),
    });

  // 1. First token: straight from the provider vs through the app (a new chat each time, as a user would).
  const direct = await measure(20, () => {
    const t = performance.now();
    const response = fetch(`http://127.0.0.1:${PROVIDER}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "scripted-1", stream: true, messages: [{ role: "user", content: "hello" }] }),
    });
    return timeToFirst(response, t, (s) => /"content":"[^"]+"/.test(s));
  });
  const chats = await Promise.all(Array.from({ length: 22 }, chatId));
  const throughApp = await measure(20, () => {
    const id = chats.pop()!;
    const t = performance.now();
    return timeToFirst(turn(id, "hello"), t, (s) => s.includes('"type":"text-delta"'));
  });

  // 2. run_code message to the first output byte on the terminal stream, warm sandbox.
  const id = await chatId();
  await (await turn(id, "```python\nprint('warm')\n```")).text();
  const transcript = await fetch(`http://127.0.0.1:${APP}/api/chats/${id}/terminal?offset=0`);
  const reader = transcript.body!.getReader();
  const decoder = new TextDecoder();
  // The terminal's text, decoded from the SSE events as the pane does.
  let waiting = null as ((text: string) => void) | null;
  void (async () => {
    let pending = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      pending += decoder.decode(value, { stream: true });
      const events = pending.split("\n\n");
      pending = events.pop()!;
      for (const event of events) {
        const data = event.split("\n").find((line) => line.startsWith("data: "));
        if (data) waiting?.((JSON.parse(data.slice(6)) as { d?: string }).d ?? "");
      }
    }
  })();
  let run = 0;
  const toTerminal = await measure(15, async () => {
    const marker = `out-${++run}-${Date.now()}`;
    const seen = new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error(`${marker} never reached the terminal stream`)), 30_000).unref();
      let text = "";
      waiting = (chunk) => {
        text += chunk;
        if (text.includes(`${marker}\r\n`)) resolve(); // the output line, not the echoed code
      };
    });
    const t = performance.now();
    const reply = turn(id, `\`\`\`python\nprint('${marker}')\n\`\`\``);
    await seen;
    const ms = performance.now() - t;
    await (await reply).text();
    return ms;
  });
  const container = (await execFileAsync("docker", ["ps", "-q", "--filter", "label=caisson.instance=bench"])).stdout.trim().split("\n")[0]!;
  const dockerExec = await measure(15, async () => {
    const t = performance.now();
    const child = spawn("docker", ["exec", "-u", "60321", container, "python3", "-c", "print('x')"]);
    const exited = new Promise((r) => child.once("exit", r));
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    const ms = performance.now() - t;
    await exited;
    return ms;
  });

  const overhead = throughApp.median - direct.median;
  const rows: Row[] = [
    { what: "first streamed token", ours: throughApp, baselineName: "scripted provider, direct", baseline: direct },
    { what: "run_code message to first output byte on the terminal stream", ours: toTerminal, baselineName: "`docker exec c python3 -c ...` first byte", baseline: dockerExec },
  ];
  await reader.cancel();
  printRows("Chat", rows);
  console.log(`\nThe app adds ${overhead.toFixed(1)} ms (median) before the first token.`);
} finally {
  // Deleting the chats through the app removes their sandboxes and storage too.
  for (const id of created) await fetch(`http://127.0.0.1:${APP}/api/chats/${id}`, { method: "DELETE" }).catch(() => {});
  for (const child of children) child.kill("SIGTERM");
}
// The app's keep-alive connections would hold the process open.
process.exit(process.exitCode ?? 0);
