// Sandbox core benchmark: exec round trips, cold start, file transfer, each against the Docker CLI
// doing the same thing in the same run. Prints a Markdown table for BENCHMARKS.md.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { cleanUp, testManager, uniqueChat } from "../test/helpers/sandboxes";
import { execFileAsync, measure, printRows, type Row } from "./stats";

const manager = testManager({ config: { limits: { memoryBytes: 1024 ** 3, cpus: 1, pidsLimit: 512, tmpBytes: 256 * 1024 ** 2, diskBytes: 1024 ** 3 } } });
const work = await mkdtemp(path.join(os.tmpdir(), "caisson-bench-"));
try {
  const sandbox = await manager.get(uniqueChat("bench"));
  await sandbox.exec({ command: "true" });
  const id = sandbox.container.id;
  const docker = (...args: string[]) => execFileAsync("docker", args, { maxBuffer: 64 * 1024 * 1024 });

  const cli = await measure(30, () => docker("exec", "-u", "60321", id, "true"));
  const oneShot = await measure(30, () => sandbox.exec({ command: ["true"] }));
  const session = await measure(200, () => sandbox.runInSession("bench", { command: "true" }), 5);

  const image = manager.imageTag;
  const coldCli = await measure(5, () => docker("run", "--rm", "--network", "none", image, "true"), 1);
  const coldOurs = await measure(
    5,
    async () => {
      const chat = uniqueChat("cold");
      const box = await manager.get(chat);
      await new Promise<void>((resolve, reject) => {
        let first = false;
        box
          .exec({
            command: "echo ready",
            onOutput: () => {
              if (!first) resolve();
              first = true;
            },
          })
          .catch(reject);
      });
      await manager.delete(chat);
    },
    1,
  );

  const data = randomBytes(10 * 1024 * 1024);
  const local = path.join(work, "ten.bin");
  await writeFile(local, data);
  const cpIn = await measure(10, () => docker("cp", local, `${id}:/mnt/data/cp.bin`));
  const putOurs = await measure(10, () => sandbox.writeFile("put.bin", data));
  const cpOut = await measure(10, () => docker("cp", `${id}:/mnt/data/cp.bin`, path.join(work, "out.bin")));
  const getOurs = await measure(10, () => sandbox.readFile("put.bin"));

  const rows: Row[] = [
    { what: "`true`, one-shot exec", ours: oneShot, baselineName: "`docker exec c true`", baseline: cli },
    { what: "`true`, shell session", ours: session, baselineName: "`docker exec c true`", baseline: cli },
    { what: "cold: new chat to first output", ours: coldOurs, baselineName: "`docker run --rm image true`", baseline: coldCli },
    { what: "put 10 MB file", ours: putOurs, baselineName: "`docker cp` in", baseline: cpIn },
    { what: "get 10 MB file", ours: getOurs, baselineName: "`docker cp` out", baseline: cpOut },
  ];
  printRows("Sandbox core", rows);
  console.log(`\nGoals: one-shot exec no slower than the CLI (ratio ${(oneShot.median / cli.median).toFixed(2)}x: ${oneShot.median <= cli.median ? "met" : "NOT met"}); session median at most 5 ms (${session.median.toFixed(2)} ms: ${session.median <= 5 ? "met" : "NOT met"}).`);
} finally {
  await cleanUp(manager);
  await rm(work, { recursive: true, force: true });
}
