// Named shell sessions and the interactive terminal, against a real container.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../lib/sandbox/sandbox";
import type { Terminal } from "../../lib/sandbox/terminal";
import { cleanUp, testManager, uniqueChat } from "../helpers/sandboxes";

const manager = testManager();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await manager.get(uniqueChat("session"));
});
afterAll(() => cleanUp(manager));

describe("shell sessions", () => {
  it("keeps cd and export from one call to the next, each call with its own output and exit code", async () => {
    const first = await sandbox.runInSession("s1", { command: "cd /tmp; export X=1; echo set" });
    expect(first).toMatchObject({ exitCode: 0, stdout: { text: "set\n" } });
    const second = await sandbox.runInSession("s1", { command: "pwd; echo $X; echo oops >&2; false" });
    expect(second.exitCode).toBe(1);
    expect(second.stdout.text).toBe("/tmp\n1\n");
    expect(second.stderr.text).toBe("oops\n");
    // Another session is another shell.
    const other = await sandbox.runInSession("s2", { command: 'pwd; echo "[$X]"' });
    expect(other.stdout.text).toBe("/mnt/data\n[]\n");
  });

  it("returns output without a trailing newline exactly, and survives syntax errors and stdin readers", async () => {
    expect((await sandbox.runInSession("s1", { command: "printf abc" })).stdout.text).toBe("abc");
    const bad = await sandbox.runInSession("s1", { command: "if then fi (" });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.text).toContain("syntax error");
    const reader = await sandbox.runInSession("s1", { command: "cat; read line; echo after-read" });
    expect(reader.stdout.text).toBe("after-read\n");
    expect((await sandbox.runInSession("s1", { command: "pwd" })).stdout.text).toBe("/tmp\n");
  });

  it("streams output live", async () => {
    const seen: string[] = [];
    const r = await sandbox.runInSession("s1", {
      command: "echo a; sleep 0.4; echo b",
      onOutput: (c) => seen.push(`${c.at}:${c.data}`),
    });
    expect(r.stdout.text).toBe("a\nb\n");
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it("resets a session after a timed-out call and tells the caller", async () => {
    await sandbox.runInSession("s3", { command: "cd /tmp; export KEEP=1" });
    const r = await sandbox.runInSession("s3", { command: "echo before; sleep 306", timeoutMs: 1000 });
    expect(r.timedOut).toBe(true);
    expect(r.failure).toBe("timed out after 1 s");
    expect(r.stdout.text).toBe("before\n");
    expect(r.sessionReset).toContain("the session s3 was reset");
    const next = await sandbox.runInSession("s3", { command: 'pwd; echo "[$KEEP]"; pgrep -c -f "slee[p] 306"' });
    expect(next.stdout.text).toBe("/mnt/data\n[]\n0\n");
  });

  it("runs a call queued behind a cancelled one in a fresh shell", async () => {
    const controller = new AbortController();
    const first = sandbox.runInSession("s6", { command: "sleep 308", signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    const second = sandbox.runInSession("s6", { command: "echo fresh; pgrep -c -f 'slee[p] 308'" });
    controller.abort();
    expect((await first).cancelled).toBe(true);
    expect((await second).stdout.text).toBe("fresh\n0\n");
  });

  it("starts a new shell after `exit`, saying so", async () => {
    const r = await sandbox.runInSession("s4", { command: "exit 5" });
    expect(r.exitCode).toBe(5);
    expect(r.sessionReset).toContain("exited");
    expect((await sandbox.runInSession("s4", { command: "echo back" })).stdout.text).toBe("back\n");
  });

  it("runs calls to one session one after the other", async () => {
    const [a, b] = await Promise.all([
      sandbox.runInSession("s5", { command: "sleep 0.3; export ORDER=a; echo a" }),
      sandbox.runInSession("s5", { command: "echo b$ORDER" }),
    ]);
    expect(a.stdout.text).toBe("a\n");
    expect(b.stdout.text).toBe("ba\n");
  });

  it("refuses bad session names", async () => {
    await expect(sandbox.runInSession("../x", { command: "true" })).rejects.toThrow(/Session names/);
  });
});

async function readUntil(terminal: Terminal, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  let text = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`terminal never showed ${pattern}; it showed: ${JSON.stringify(text.slice(-500))}`));
    }, timeoutMs);
    const off = terminal.onData((d) => {
      text += d.toString("utf8");
      if (pattern.test(text)) {
        clearTimeout(timer);
        off();
        resolve(text);
      }
    });
  });
}

describe("interactive terminal", () => {
  it("keeps what the shell printed before anyone listened (the first prompt)", async () => {
    const terminal = await sandbox.openTerminal();
    await new Promise((r) => setTimeout(r, 1500));
    await readUntil(terminal, /sandbox.*\/mnt\/data.*\$ /);
    await terminal.close();
  });

  it("runs a real TTY: input, output, resize, Ctrl-C, and close ends it", async () => {
    const terminal = await sandbox.openTerminal({ cols: 100, rows: 30 });
    terminal.write("echo $((6*7)); tty; stty size\r");
    const out = await readUntil(terminal, /42\r\n\/dev\/pts\/\d+\r\n30 100/);
    expect(out).toContain("42");
    await terminal.resize(120, 40);
    terminal.write("stty size\r");
    await readUntil(terminal, /40 120/);
    terminal.write("sleep 307; echo interrupted=$?\r");
    await new Promise((r) => setTimeout(r, 500));
    terminal.write("\x03");
    await readUntil(terminal, /\^C/);
    terminal.write("echo after-ctrl-c\r");
    await readUntil(terminal, /after-ctrl-c\r\n/);
    await terminal.close();
    expect(terminal.isClosed).toBe(true);
    const left = await sandbox.exec({ command: "pgrep -c -f 'bas[h] -l'" });
    expect(left.stdout.text).toBe("0\n");
  });
});
