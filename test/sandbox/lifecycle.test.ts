// A sandbox's life: created on first use, stopped when idle, resumed, re-adopted after a restart,
// reaped when its chat is gone, deleted with its chat.
import { existsSync } from "node:fs";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { SandboxManager } from "../../lib/sandbox/manager";
import { isMounted } from "../../lib/sandbox/storage";
import { cleanUp, testConfig, testManager, uniqueChat } from "../helpers/sandboxes";

const managers: SandboxManager[] = [];
const track = (m: SandboxManager) => (managers.push(m), m);
afterAll(async () => {
  for (const m of managers) await cleanUp(m);
});

const containersOf = async (m: SandboxManager, chatId?: string) =>
  m.docker.listContainers({
    all: true,
    filters: { label: [`caisson.instance=${m.config.instance}`, ...(chatId ? [`caisson.chat=${chatId}`] : [])] },
  });

describe("lifecycle", () => {
  it("stops an idle sandbox and resumes it on the next call with files and session state intact", async () => {
    const m = track(testManager({ config: { idleStopMs: 60_000 } }));
    const chat = uniqueChat("idle");
    const sandbox = await m.get(chat);
    await sandbox.exec({ command: "echo kept > /mnt/data/file.txt; echo home > ~/h.txt" });
    await sandbox.runInSession("default", { command: "mkdir -p /mnt/data/work && cd /mnt/data/work && export PROJECT=caisson" });
    expect(await m.stopIdle(Date.now() + 1000)).toEqual([]); // not idle long enough yet
    expect(await m.stopIdle(Date.now() + 61_000)).toEqual([chat]);
    expect((await containersOf(m, chat))[0]!.State).toBe("exited");
    const r = await sandbox.exec({ command: "cat /mnt/data/file.txt ~/h.txt" });
    expect(r.stdout.text).toBe("kept\nhome\n");
    expect((await containersOf(m, chat))[0]!.State).toBe("running");
    // The session's working folder and exported variables came back; its processes did not.
    const s = await sandbox.runInSession("default", { command: 'pwd; echo "$PROJECT"' });
    expect(s.stdout.text).toBe("/mnt/data/work\ncaisson\n");
  });

  it("does not stop a sandbox that is running a command", async () => {
    const m = track(testManager({ config: { idleStopMs: 1 } }));
    const sandbox = await m.get(uniqueChat("busy"));
    const running = sandbox.exec({ command: "sleep 1; echo finished" });
    await new Promise((r) => setTimeout(r, 300));
    expect(await m.stopIdle(Date.now() + 10_000)).toEqual([]);
    expect((await running).stdout.text).toBe("finished\n");
  });

  it("deletes the container and the storage with the chat", async () => {
    const m = track(testManager());
    const chat = uniqueChat("delete");
    const sandbox = await m.get(chat);
    await sandbox.exec({ command: "echo x > /mnt/data/x" });
    expect(await isMounted(sandbox.storage.mount)).toBe(true);
    await m.delete(chat);
    expect(await containersOf(m, chat)).toEqual([]);
    expect(await isMounted(sandbox.storage.mount)).toBe(false);
    expect(existsSync(sandbox.storage.root)).toBe(false);
    expect(m.find(chat)).toBeUndefined();
    // A new sandbox for the same chat id starts empty.
    const again = await m.get(chat);
    expect((await again.exec({ command: "ls -A /mnt/data" })).stdout.text).toBe("");
  });

  it("re-adopts running sandboxes after an app restart", async () => {
    const config = testConfig();
    const first = track(new SandboxManager({ config }));
    const chat = uniqueChat("adopt");
    const before = await first.get(chat);
    await before.exec({ command: "echo survived > /mnt/data/s.txt" });
    first.close(); // the app goes away; its containers keep running

    const second = track(new SandboxManager({ config }));
    await second.start();
    const adopted = second.find(chat);
    expect(adopted?.container.id).toBe(before.container.id);
    expect(adopted?.info().state).toBe("running");
    expect((await adopted!.exec({ command: "cat /mnt/data/s.txt" })).stdout.text).toBe("survived\n");
    expect(await containersOf(second, chat)).toHaveLength(1);
  });

  it("reaps sandboxes whose chat no longer exists, and keeps the others", async () => {
    const alive = new Set<string>();
    const m = track(testManager({ chatExists: async (id) => alive.has(id) }));
    const kept = uniqueChat("kept");
    const orphan = uniqueChat("orphan");
    alive.add(kept);
    const orphanBox = await m.get(orphan);
    await Promise.all([m.get(kept).then((s) => s.exec({ command: "true" })), orphanBox.exec({ command: "true" })]);
    expect(await m.reap()).toEqual([orphan]);
    expect(await containersOf(m, orphan)).toEqual([]);
    expect(existsSync(orphanBox.storage.root)).toBe(false);
    expect(await containersOf(m, kept)).toHaveLength(1);
  });

  it("makes one container for concurrent first calls, in one process and across two", async () => {
    const config = testConfig();
    const a = track(new SandboxManager({ config }));
    const b = track(new SandboxManager({ config }));
    const chat = uniqueChat("race");
    const results = await Promise.all([
      ...[1, 2, 3].map((i) => a.get(chat).then((s) => s.exec({ command: `echo a${i}` }))),
      ...[1, 2, 3].map((i) => b.get(chat).then((s) => s.exec({ command: `echo b${i}` }))),
    ]);
    expect(results.map((r) => r.stdout.text.trim()).sort()).toEqual(["a1", "a2", "a3", "b1", "b2", "b3"]);
    expect(await containersOf(a, chat)).toHaveLength(1);
  });
});

describe("health", () => {
  it("reports engine, image, network, firewall and sandbox counts", async () => {
    const m = track(testManager());
    await m.get(uniqueChat("health")).then((s) => s.exec({ command: "true" }));
    const h = await m.health();
    expect(h.problems).toEqual([]);
    expect(h.ok).toBe(true);
    expect(h.docker.reachable).toBe(true);
    expect(h.docker.version).toMatch(/^\d+\.\d+/);
    expect(h.image).toMatchObject({ present: true, building: false, tag: expect.stringMatching(/^caisson-sandbox:[0-9a-f]{12}-full$/) });
    expect(h.network).toMatchObject({ present: true, internal: true, interSandboxTraffic: false });
    expect(h.firewall.enforced).toBe(true);
    expect(h.sandboxes).toEqual({ running: 1, stopped: 0 });
  });

  it("fails loudly with the fix when Docker is not there", async () => {
    const m = new SandboxManager({ config: testConfig(), docker: new Docker({ socketPath: "/nonexistent/docker.sock" }) });
    await expect(m.get(uniqueChat("nodocker"))).rejects.toMatchObject({
      code: "unavailable:docker",
      message: expect.stringContaining("apt-get install -y docker.io"),
    });
    const h = await m.health();
    expect(h.ok).toBe(false);
    expect(h.docker.reachable).toBe(false);
    expect(h.problems[0]).toContain("is not reachable");
  });
});
