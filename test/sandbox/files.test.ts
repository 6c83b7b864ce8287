// Files in and out of a sandbox, and every hostile path we can think of.
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import * as tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveSandboxPath } from "../../lib/sandbox/paths";
import type { Sandbox } from "../../lib/sandbox/sandbox";
import { cleanUp, testManager, uniqueChat } from "../helpers/sandboxes";

const manager = testManager();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await manager.get(uniqueChat("files"));
});
afterAll(() => cleanUp(manager));

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

type Entry = { name: string; type?: tar.Header["type"]; linkname?: string; body?: string };
async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? "file", linkname: e.linkname, mode: 0o644 }, e.body ?? "");
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under the two roots, for "nothing was written" checks. */
const snapshot = async () => (await sandbox.exec({ command: "find /mnt/data /home/sandbox -path '*/.caisson' -prune -o -print | sort; ls -A /tmp" })).stdout.text;

describe("files", () => {
  it("round-trips a 10 MB binary file, byte for byte", async () => {
    const data = randomBytes(10 * 1024 * 1024);
    expect(await sandbox.writeFile("bin/data.bin", data)).toBe("/mnt/data/bin/data.bin");
    const back = await sandbox.readFile("/mnt/data/bin/data.bin");
    expect(back.length).toBe(data.length);
    expect(sha(back)).toBe(sha(data));
    const inside = await sandbox.exec({ command: "sha256sum bin/data.bin | cut -d' ' -f1; stat -c %U bin/data.bin" });
    expect(inside.stdout.text).toBe(`${sha(data)}\nsandbox\n`);
  });

  it("writes into HOME, lists folders with sizes and times", async () => {
    await sandbox.writeFile("~/notes/a.txt", "hello");
    await sandbox.exec({ command: "mkdir -p ~/notes/sub && ln -s a.txt ~/notes/link" });
    const entries = await sandbox.listFolder("/home/sandbox/notes");
    expect(entries.map((e) => [e.name, e.type, e.type === "file" ? e.sizeBytes : null])).toEqual([
      ["a.txt", "file", 5],
      ["link", "symlink", null],
      ["sub", "directory", null],
    ]);
    expect(Math.abs(entries[0]!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("puts a tar stream into a folder and gets a folder out as tar", async () => {
    const archive = await tarOf([
      { name: "proj/", type: "directory" },
      { name: "proj/readme.md", body: "# hi\n" },
      { name: "proj/src/main.py", body: "print(1)\n" },
      { name: "proj/latest", type: "symlink", linkname: "src/main.py" },
    ]);
    expect(await sandbox.writeTar("upload", Readable.from(archive))).toBe("/mnt/data/upload");
    const r = await sandbox.exec({ command: "cat upload/proj/readme.md upload/proj/latest; readlink upload/proj/latest" });
    expect(r.stdout.text).toBe("# hi\nprint(1)\nsrc/main.py\n");
    const out = await readAll(await sandbox.readStream("upload/proj", "tar"));
    const names: string[] = [];
    const extract = tar.extract();
    extract.on("entry", (h, body, next) => {
      names.push(h.name);
      body.resume();
      body.on("end", next);
    });
    Readable.from(out).pipe(extract);
    await new Promise<void>((resolve) => extract.on("finish", () => resolve()));
    expect(names.sort()).toEqual(["proj/", "proj/latest", "proj/readme.md", "proj/src/", "proj/src/main.py"]);
  });

  describe("refuses hostile paths with a clear error and writes nothing", () => {
    beforeAll(async () => {
      await sandbox.exec({ command: "ln -sfn / /mnt/data/rootlink; ln -sfn /tmp /mnt/data/tmplink; ln -sfn /etc/passwd /mnt/data/passwd" });
    });

    it.each([
      ["../../etc/passwd", /'\.\.' is not allowed/],
      ["/mnt/data/../../etc/passwd", /'\.\.' is not allowed/],
      ["/etc/x", /outside the sandbox's files/],
      ["/mnt/datafoo/x", /outside the sandbox's files/],
      ["a\0b", /NUL/],
      ["", /A path is required/],
    ])("by name: %j", async (path, message) => {
      expect(() => resolveSandboxPath(path)).toThrow(message);
      const before = await snapshot();
      await expect(sandbox.writeFile(path, "x")).rejects.toMatchObject({ code: "invalid:path", message: expect.stringMatching(message) });
      await expect(sandbox.readFile(path)).rejects.toMatchObject({ code: "invalid:path" });
      expect(await snapshot()).toBe(before);
    });

    it("through a symlink to /, to /tmp, or to a file outside", async () => {
      const before = await snapshot();
      await expect(sandbox.writeFile("rootlink/etc/x", "x")).rejects.toMatchObject({ code: "invalid:path", message: expect.stringContaining("symbolic link") });
      await expect(sandbox.writeFile("tmplink/new/deeper.txt", "x")).rejects.toMatchObject({ code: "invalid:path" });
      await expect(sandbox.writeFile("passwd", "x")).rejects.toMatchObject({ code: "invalid:path" });
      await expect(sandbox.readFile("rootlink/etc/passwd")).rejects.toMatchObject({ code: "invalid:path", message: expect.stringContaining("outside") });
      await expect(sandbox.readFile("passwd")).rejects.toMatchObject({ code: "invalid:path" });
      await expect(sandbox.listFolder("rootlink")).rejects.toMatchObject({ code: "invalid:path" });
      await expect(sandbox.writeTar("tmplink", Readable.from(await tarOf([{ name: "x.txt", body: "x" }])))).rejects.toMatchObject({ code: "invalid:path" });
      expect(await snapshot()).toBe(before);
    });

    it("refuses reading devices and missing files with their own errors", async () => {
      await sandbox.exec({ command: "ln -sfn /dev/zero /mnt/data/zero" });
      await expect(sandbox.readFile("zero")).rejects.toMatchObject({ code: "invalid:path" });
      await expect(sandbox.readFile("nope.txt")).rejects.toMatchObject({ code: "not_found:file", message: "/mnt/data/nope.txt does not exist" });
    });

    it.each([
      ["an entry climbing out with ..", [{ name: "ok.txt", body: "fine" }, { name: "../../evil.txt", body: "x" }], /climbs out/],
      ["an absolute entry", [{ name: "/etc/evil", body: "x" }], /absolute path/],
      ["a symlink to /", [{ name: "root", type: "symlink", linkname: "/" }], /outside the sandbox's files/],
      ["a relative symlink out", [{ name: "a/b", type: "symlink", linkname: "../../../etc" }], /outside the sandbox's files/],
      ["a device", [{ name: "dev", type: "character-device" }], /character-device/],
      ["a fifo", [{ name: "pipe", type: "fifo" }], /fifo/],
      ["a hard link to a file outside", [{ name: "h", type: "link", linkname: "/etc/passwd" }], /absolute path|outside/],
    ] as Array<[string, Entry[], RegExp]>)("in an archive: %s", async (_label, entries, message) => {
      const before = await snapshot();
      await expect(sandbox.writeTar("extract-here", Readable.from(await tarOf(entries)))).rejects.toMatchObject({
        code: "invalid:archive",
        message: expect.stringMatching(message),
      });
      expect(await snapshot()).toBe(before);
    });

    it("refuses garbage that is not a tar file", async () => {
      const before = await snapshot();
      await expect(sandbox.writeTar("x", Readable.from(randomBytes(4096)))).rejects.toMatchObject({ code: "invalid:archive" });
      expect(await snapshot()).toBe(before);
    });
  });
});
