// One-shot exec against real containers: streams, exit codes, limits and the ways commands end.
import { execFile } from "node:child_process";
import { statfs, stat } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutputChunk } from "../../lib/sandbox/output";
import type { Sandbox } from "../../lib/sandbox/sandbox";
import { cleanUp, testManager, uniqueChat } from "../helpers/sandboxes";

const manager = testManager();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await manager.get(uniqueChat("exec"));
});
afterAll(() => cleanUp(manager));

/** Processes whose command line matches `pattern`; write it so it does not match itself (`slee[p] 1`). */
const processCount = async (pattern: string) => {
  const r = await sandbox.exec({ command: ["pgrep", "-fc", pattern] });
  return Number(r.stdout.text.trim());
};

describe("exec", () => {
  it("keeps stdout and stderr apart, streams timestamped chunks in order, and returns the exit code", async () => {
    const chunks: OutputChunk[] = [];
    const r = await sandbox.exec({
      command: "echo one; sleep 0.3; echo two >&2; sleep 0.3; echo three; exit 7",
      onOutput: (c) => chunks.push(c),
    });
    expect(r.exitCode).toBe(7);
    expect(r.stdout.text).toBe("one\nthree\n");
    expect(r.stderr.text).toBe("two\n");
    expect(chunks.map((c) => `${c.stream}:${c.data}`)).toEqual(["stdout:one\n", "stderr:two\n", "stdout:three\n"]);
    // Live: the chunks arrived while the command ran, not at the end.
    expect(chunks[2]!.at - chunks[0]!.at).toBeGreaterThanOrEqual(500);
    expect(r.failure).toBeUndefined();
  });

  it("passes stdin, and gives EOF when there is none", async () => {
    expect((await sandbox.exec({ command: "tr a-z A-Z", stdin: "shout\n" })).stdout.text).toBe("SHOUT\n");
    const r = await sandbox.exec({ command: "cat; echo done" });
    expect(r.stdout.text).toBe("done\n");
  });

  it("runs as the sandbox user in /mnt/data with the given environment", async () => {
    const r = await sandbox.exec({ command: 'echo "$(id -u) $PWD $GREETING"', env: { GREETING: "hi" } });
    expect(r.stdout.text).toBe("60321 /mnt/data hi\n");
  });

  it("times out, says so, and kills the whole process tree", async () => {
    const r = await sandbox.exec({ command: "(sleep 301 &); sleep 302 & sleep 303", timeoutMs: 1000 });
    expect(r.timedOut).toBe(true);
    expect(r.failure).toBe("timed out after 1 s");
    expect(await processCount("slee[p] 30[123]")).toBe(0);
  });

  it("is cancelled by an AbortSignal, which kills the process in the container", async () => {
    const controller = new AbortController();
    const running = sandbox.exec({ command: "echo started; sleep 304", signal: controller.signal, onOutput: () => controller.abort() });
    const r = await running;
    expect(r.cancelled).toBe(true);
    expect(r.failure).toBe("cancelled");
    expect(r.stdout.text).toBe("started\n");
    expect(await processCount("slee[p] 304")).toBe(0);
  });

  it("ends background processes a one-shot command leaves behind", async () => {
    const r = await sandbox.exec({ command: "nohup sleep 305 >/dev/null 2>&1 & echo bg" });
    expect(r.exitCode).toBe(0);
    expect(await processCount("slee[p] 305")).toBe(0);
  });

  it("caps a 1 GB flood to head and tail without growing the app's memory", async () => {
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let received = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
    const r = await sandbox.exec({
      command: "echo FIRST; head -c 1073741824 /dev/zero | tr '\\0' x; echo; echo LAST",
      onOutput: (c) => (received += c.data.length),
    });
    clearInterval(sampler);
    expect(r.exitCode).toBe(0);
    expect(received).toBe(1073741824 + 12);
    expect(r.stdout.totalBytes).toBe(1073741824 + 12);
    expect(r.stdout.truncated).toBe(true);
    expect(r.stdout.droppedBytes).toBe(1073741824 + 12 - manager.config.exec.headBytes - manager.config.exec.tailBytes);
    expect(r.stdout.text.startsWith("FIRST\nxxx")).toBe(true);
    expect(r.stdout.text.endsWith("xxx\nLAST\n")).toBe(true);
    expect(r.stdout.text).toMatch(/\[\.\.\. \d+ bytes dropped \.\.\.\]/);
    // Garbage from passing chunks comes and goes; 1 GB kept anywhere would show here.
    expect(peakRss - before.rss).toBeLessThan(128 * 1024 * 1024);
  });

  it("reports an out-of-memory kill as such, with the limit", async () => {
    const r = await sandbox.exec({ command: "python3 -c 'x = bytearray(1 << 30)'" });
    expect(r.exitCode).toBe(137);
    expect(r.oomKilled).toBe(true);
    expect(r.failure).toBe("killed: out of memory, limit 256 MiB");
    // A plain kill -9 is not mistaken for one.
    const k = await sandbox.exec({ command: "kill -9 $$" });
    expect(k.exitCode).toBe(137);
    expect(k.oomKilled).toBe(false);
  });

  it("contains a fork bomb: the host and other sandboxes still respond, and the sandbox recovers", async () => {
    const other = await manager.get(uniqueChat("neighbour"));
    const bomb = sandbox.exec({ command: "b(){ b | b & }; b; sleep 20", timeoutMs: 8000 });
    await new Promise((r) => setTimeout(r, 2000));
    const inOther = await other.exec({ command: "echo neighbour-ok" });
    const onHost = await promisify(execFile)("sh", ["-c", "echo host-ok"]);
    const r = await bomb;
    expect(inOther.stdout.text).toBe("neighbour-ok\n");
    expect(onHost.stdout).toBe("host-ok\n");
    expect(r.timedOut).toBe(true);
    // The pids limit, not memory, stopped it.
    expect(r.stderr.text).toContain("Resource temporarily unavailable");
    const after = await sandbox.exec({ command: "echo recovered; cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max" });
    expect(after.stdout.text).toBe("recovered\n128\n");
  });

  it("caps the chat's storage: writing past it is ENOSPC inside and the host file stays within the cap", async () => {
    const r = await sandbox.exec({ command: "dd if=/dev/zero of=/mnt/data/fill bs=1M count=200 status=none" });
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr.text).toContain("No space left on device");
    const home = await sandbox.exec({ command: "head -c 4M /dev/zero > ~/more.bin" });
    expect(home.stderr.text).toContain("No space left on device");
    const image = await stat(sandbox.storage.image);
    expect(image.blocks * 512).toBeLessThanOrEqual(64 * 1024 * 1024);
    const fs = await statfs(sandbox.storage.mount);
    expect(fs.blocks * fs.bsize).toBeLessThanOrEqual(64 * 1024 * 1024);
    await sandbox.exec({ command: "rm -f /mnt/data/fill" });
  });

  it("caps /tmp", async () => {
    const r = await sandbox.exec({ command: "dd if=/dev/zero of=/tmp/fill bs=1M count=64 status=none; rc=$?; rm -f /tmp/fill; exit $rc" });
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr.text).toContain("No space left on device");
  });
});
