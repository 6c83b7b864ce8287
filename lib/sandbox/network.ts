// The sandboxes' network: an internal Docker bridge (no route out, no traffic between sandboxes)
// plus the host firewall rule that an internal network lacks. Never open anything but the
// package gateway's port to sandboxes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type Docker from "dockerode";
import type { SandboxConfig } from "./config";
import { isConflict, isNotFound } from "./docker";

const execFileAsync = promisify(execFile);

export async function ensureNetwork(docker: Docker, config: SandboxConfig): Promise<void> {
  try {
    const info = await docker.getNetwork(config.networkName).inspect();
    const icc = info.Options?.["com.docker.network.bridge.enable_icc"];
    if (!info.Internal || icc !== "false") {
      throw new Error(
        `Docker network ${config.networkName} exists but is not internal with inter-container traffic off; remove it (docker network rm ${config.networkName}) and restart.`,
      );
    }
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    await docker.createNetwork({
      Name: config.networkName,
      Driver: "bridge",
      Internal: true,
      CheckDuplicate: true,
      Options: {
        "com.docker.network.bridge.enable_icc": "false",
        "com.docker.network.bridge.name": config.bridgeName,
      },
      Labels: { "caisson.network": "sandboxes" },
    });
  } catch (error) {
    if (!isConflict(error)) throw error; // another process created it first
  }
}

export interface FirewallState {
  /** True when traffic from the sandbox bridge to the host is dropped. */
  enforced: boolean;
  detail: string;
}

type Rule = string[];

/**
 * Rules in the order they are inserted at position 1 (so the last one ends up first).
 * REJECT rather than DROP: a sandbox's connect fails at once with a clear error instead of hanging.
 */
function rules(config: SandboxConfig): Rule[] {
  const bridge = config.bridgeName;
  const comment = (text: string) => ["-m", "comment", "--comment", `caisson: ${text}`];
  const list: Rule[] = [
    // Routed traffic (the internet, other Docker networks, other sandboxes): unreachable.
    ["DOCKER-USER", "-i", bridge, "-j", "REJECT", "--reject-with", "icmp-net-unreachable", ...comment("sandboxes reach no network")],
    // Traffic to the host itself, on any of its addresses.
    ["INPUT", "-i", bridge, "-j", "REJECT", "--reject-with", "icmp-port-unreachable", ...comment("sandboxes reach no host port")],
  ];
  if (config.gatewayPort) {
    list.push(["INPUT", "-i", bridge, "-p", "tcp", "--dport", String(config.gatewayPort), "-j", "ACCEPT", ...comment("package gateway")]);
  }
  return list;
}

async function iptables(binary: string, args: string[]): Promise<boolean> {
  try {
    await execFileAsync(binary, ["-w", ...args]);
    return true;
  } catch {
    return false;
  }
}

async function hasRules(binary: string, config: SandboxConfig): Promise<boolean> {
  for (const rule of rules(config)) if (!(await iptables(binary, ["-C", ...rule]))) return false;
  return true;
}

/**
 * Makes sure the host drops traffic from the sandbox bridge (apart from the gateway port).
 * Applies the rules when they are missing and the app is root.
 */
export async function ensureFirewall(config: SandboxConfig): Promise<FirewallState> {
  const state = await firewallState(config);
  if (state.enforced || process.getuid?.() !== 0) return state;
  for (const rule of rules(config)) {
    if (await iptables("iptables", ["-C", ...rule])) continue;
    const [chain, ...spec] = rule;
    if (!(await iptables("iptables", ["-I", chain!, "1", ...spec]))) break;
  }
  // IPv6 is off on the sandbox network; the same rule still closes it should it be turned on.
  for (const rule of rules(config)) {
    if (await iptables("ip6tables", ["-C", ...rule])) continue;
    const [chain, ...spec] = rule;
    await iptables("ip6tables", ["-I", chain!, "1", ...spec]);
  }
  return firewallState(config);
}

export async function firewallState(config: SandboxConfig): Promise<FirewallState> {
  if (await hasRules("iptables", config)) {
    return { enforced: true, detail: `iptables rejects traffic from ${config.bridgeName} to the host${config.gatewayPort ? ` except TCP ${config.gatewayPort} (package gateway)` : ""}` };
  }
  const why = process.getuid?.() !== 0 ? "the app is not root, so it cannot add the iptables rule" : "the iptables rule is missing and could not be added";
  return { enforced: false, detail: `host reachable from sandboxes: ${why} (fix: run the app as root, or add 'iptables -I INPUT -i ${config.bridgeName} -j REJECT')` };
}
