// What a sandbox can see and reach: nothing on the network, no privileges, no Docker socket.
import net from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firewallState } from "../../lib/sandbox/network";
import type { Sandbox } from "../../lib/sandbox/sandbox";
import { cleanUp, testManager, uniqueChat } from "../helpers/sandboxes";

const manager = testManager();
let a: Sandbox;
let b: Sandbox;

beforeAll(async () => {
  [a, b] = await Promise.all([manager.get(uniqueChat("iso-a")), manager.get(uniqueChat("iso-b"))]);
});
afterAll(() => cleanUp(manager));

/** A python one-liner run in the sandbox: tries a TCP connect, prints "connected" or the error's name. */
const connectScript = (host: string, port: number, timeout = 3) =>
  `python3 -c '
import socket, sys
try:
    socket.create_connection((${JSON.stringify(host)}, ${port}), timeout=${timeout}); print("connected")
except socket.timeout: print("timeout")
except OSError as e: print("error", e.errno, e.strerror)
'`;

describe("network isolation", () => {
  it("has no route out: a connect to a TEST-NET address fails within 3 s, at once, as unreachable", async () => {
    const r = await a.exec({ command: connectScript("203.0.113.1", 80) });
    expect(r.stdout.text).toMatch(/^error \d+ Network is unreachable/);
  });

  it("fails DNS lookups within 1 s instead of waiting on a resolver", async () => {
    // getent exits 2 for "not found"; timeout(1) would exit 124 if the lookup hung.
    const r = await a.exec({ command: "timeout 1 getent hosts example.com; echo rc=$?" });
    expect(r.stdout.text).toBe("rc=2\n");
    const py = await a.exec({ command: `timeout 1 python3 -c 'import socket; socket.getaddrinfo("registry.npmjs.org", 443)'; echo rc=$?` });
    expect(py.stderr.text).toContain("gaierror");
    expect(py.stdout.text).toBe("rc=1\n");
  });

  it("cannot reach a listener on the host's 0.0.0.0 through any host address", async () => {
    let accepted = 0;
    const server = net.createServer((socket) => {
      accepted++;
      socket.end("hello\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const network = await manager.docker.getNetwork(manager.config.networkName).inspect();
      const gateway = network.IPAM?.Config?.[0]?.Gateway as string;
      const hostAddresses = Object.values(os.networkInterfaces())
        .flat()
        .filter((i) => i && i.family === "IPv4" && !i.internal)
        .map((i) => i!.address);
      expect(gateway).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      for (const host of new Set([gateway, ...hostAddresses])) {
        const r = await a.exec({ command: connectScript(host, port, 2) });
        expect(r.stdout.text, `from the sandbox to ${host}:${port}`).not.toContain("connected");
      }
      expect(accepted).toBe(0);
    } finally {
      server.close();
    }
  });

  it("cannot reach another sandbox", async () => {
    const server = b.runInSession("server", {
      command: "python3 -m http.server 8080 --bind 0.0.0.0 >/dev/null 2>&1 & sleep 1; " + connectScript("127.0.0.1", 8080),
    });
    // Positive control: the server answers inside its own sandbox.
    expect((await server).stdout.text).toBe("connected\n");
    const ip = (await b.exec({ command: "hostname -I" })).stdout.text.trim().split(" ")[0]!;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const r = await a.exec({ command: connectScript(ip, 8080, 2) });
    expect(r.stdout.text).not.toContain("connected");
  });

  it("reports the host firewall, and says in words when it is missing", async () => {
    expect((await firewallState(manager.config)).enforced).toBe(true);
    const missing = await firewallState({ ...manager.config, bridgeName: "caisson-none" });
    expect(missing.enforced).toBe(false);
    expect(missing.detail).toContain("host reachable from sandboxes");
  });
});

describe("privileges", () => {
  it("runs unprivileged: uid not 0, no capabilities, no-new-privileges, seccomp filter", async () => {
    const r = await a.exec({ command: "id -u; grep -E '^(CapEff|NoNewPrivs|Seccomp):' /proc/self/status" });
    const [uid, ...status] = r.stdout.text.trim().split("\n");
    expect(uid).not.toBe("0");
    expect(status.map((l) => l.replace(/\s+/g, " "))).toEqual(["CapEff: 0000000000000000", "NoNewPrivs: 1", "Seccomp: 2"]);
  });

  it("has a read-only root filesystem and writable /mnt/data, HOME and /tmp", async () => {
    const r = await a.exec({ command: "touch /usr/x /etc/x 2>&1; touch /mnt/data/ok ~/ok /tmp/ok && echo writable" });
    expect(r.stdout.text).toContain("touch: cannot touch '/usr/x': Read-only file system");
    expect(r.stdout.text).toContain("touch: cannot touch '/etc/x': Read-only file system");
    expect(r.stdout.text).toContain("writable");
  });

  it("has no Docker socket anywhere and cannot become root", async () => {
    const r = await a.exec({
      command: "find / -xdev \\( -type s -o -name 'docker.sock' \\) 2>/dev/null | grep -i docker; ls /var/run/docker.sock /run/docker.sock 2>&1; su -c id root </dev/null 2>&1; true",
    });
    expect(r.stdout.text).not.toMatch(/^\/.*docker\.sock$/m);
    expect(r.stdout.text).toContain("No such file or directory");
    expect(r.stdout.text).not.toContain("uid=0");
  });

  it("applies the memory and pids limits", async () => {
    const r = await a.exec({
      command: "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max",
    });
    expect(r.stdout.text).toBe(`${256 * 1024 * 1024}\n128\n`);
  });
});
