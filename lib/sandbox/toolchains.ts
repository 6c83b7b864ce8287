// Which languages an image really has, and their versions: probed once per image in a throwaway
// container with no network, then cached. The tool description and the UI list only these.
import type Docker from "dockerode";
import { LANGUAGES } from "./languages";

export interface LanguageInfo {
  id: string;
  label: string;
  aliases: string[];
  version: string;
  highlight: string;
}

function probeScript(): string {
  return LANGUAGES.map((l) => {
    const present = l.requires.map((bin) => `command -v ${bin} >/dev/null`).join(" && ");
    return `if ${present}; then printf '%s\\t%s\\n' ${JSON.stringify(l.id)} "$( (${l.version}) 2>&1 | head -1 )"; fi`;
  }).join("\n");
}

export async function probeLanguages(docker: Docker, image: string, user: string): Promise<LanguageInfo[]> {
  const container = await docker.createContainer({
    Image: image,
    User: user,
    Cmd: ["bash", "-c", probeScript()],
    Entrypoint: [],
    WorkingDir: "/tmp",
    Env: ["HOME=/tmp"],
    Labels: { "caisson.probe": "1" },
    HostConfig: { NetworkMode: "none", CapDrop: ["ALL"], SecurityOpt: ["no-new-privileges:true"], Memory: 1024 ** 3 },
  });
  try {
    await container.start();
    await container.wait();
    const logs = (await container.logs({ stdout: true, stderr: false })) as Buffer;
    // Logs come framed (8-byte headers) without a TTY: strip them.
    const text: string[] = [];
    for (let at = 0; at + 8 <= logs.length; ) {
      const size = logs.readUInt32BE(at + 4);
      text.push(logs.subarray(at + 8, at + 8 + size).toString("utf8"));
      at += 8 + size;
    }
    const versions = new Map(
      text
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split("\t") as [string, string]),
    );
    return LANGUAGES.filter((l) => versions.has(l.id)).map((l) => ({
      id: l.id,
      label: l.label,
      aliases: l.aliases,
      version: (versions.get(l.id) ?? "").trim(),
      highlight: l.highlight,
    }));
  } finally {
    await container.remove({ force: true }).catch(() => {});
  }
}
