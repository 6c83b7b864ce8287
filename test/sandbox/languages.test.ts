// Every language of the table proves itself in the real image: hello with args and stdin, a runtime
// failure's exit code, a syntax or compile error reported with its phase and diagnostics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "../../lib/sandbox/languages";
import { runCode } from "../../lib/sandbox/run-code";
import type { Sandbox } from "../../lib/sandbox/sandbox";
import { BROKEN, PROGRAMS } from "../fixtures/programs";
import { cleanUp, testManager, uniqueChat } from "../helpers/sandboxes";

const manager = testManager({ config: { limits: { memoryBytes: 2048 * 1024 * 1024, cpus: 2, pidsLimit: 512, tmpBytes: 256 * 1024 * 1024, diskBytes: 2048 * 1024 * 1024 } } });
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await manager.get(uniqueChat("languages"));
});
afterAll(() => cleanUp(manager));

describe.each(LANGUAGES.map((l) => [l.id, l] as const))("%s", (id, language) => {
  it("runs hello with args and stdin, and returns a failure's exit code", async () => {
    const ok = await runCode(sandbox, { language: id, code: PROGRAMS[id]!, args: ["a", "b c"], stdin: "from stdin\n" });
    expect(ok.stdout.text, ok.stderr.text).toBe("hello|a,b c|from stdin\n");
    expect(ok).toMatchObject({ exitCode: 0, phase: "run" });
    const failed = await runCode(sandbox, { language: id, code: PROGRAMS[id]!, args: ["fail"] });
    expect(failed).toMatchObject({ exitCode: 3, phase: "run", stdout: { text: "hello|fail|\n" } });
  });

  it(`reports a ${language.compile ? "compile" : "syntax"} error with its phase and diagnostics`, async () => {
    const r = await runCode(sandbox, { language: id, code: BROKEN[id]! });
    expect(r.exitCode).not.toBe(0);
    expect(r.phase).toBe(language.compile ? "compile" : "run");
    expect(r.stderr.text.trim().length).toBeGreaterThan(0);
  });
});

describe("language details", () => {
  it("runs Java whatever the public class is called, in a package too", async () => {
    const r = await runCode(sandbox, {
      language: "java",
      code: "package demo.app;\n\nclass Helper { static String hi() { return \"hi\"; } }\n\npublic class Greeter {\n  public static void main(String[] a) { System.out.println(Helper.hi() + \" from Greeter\"); }\n}",
    });
    expect(r.stderr.text).not.toContain("should be declared in a file named");
    expect(r).toMatchObject({ exitCode: 0, stdout: { text: "hi from Greeter\n" } });
  });

  it("runs a Go program twice, the second time from the build cache in HOME", async () => {
    const code = 'package main\nimport "fmt"\nfunc main() { fmt.Println("go again") }';
    for (let i = 0; i < 2; i++) expect((await runCode(sandbox, { language: "go", code })).stdout.text).toBe("go again\n");
    const cache = await sandbox.exec({ command: "du -sm ~/.cache/go-build | cut -f1" });
    expect(Number(cache.stdout.text)).toBeGreaterThan(0);
  });

  it("caps a program that prints 50 MB like any other output", async () => {
    const r = await runCode(sandbox, { language: "python", code: "import sys\nsys.stdout.write('y' * (50 * 1024 * 1024))" });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.totalBytes).toBe(50 * 1024 * 1024);
    expect(r.stdout.truncated).toBe(true);
    expect(r.stdout.droppedBytes).toBe(50 * 1024 * 1024 - manager.config.exec.headBytes - manager.config.exec.tailBytes);
  });

  it("lists exactly the languages the image has, each with a version", async () => {
    const languages = await manager.languages();
    expect(languages.map((l) => l.id)).toEqual(LANGUAGES.map((l) => l.id));
    for (const l of languages) expect(l.version, l.id).toMatch(/\d/);
  });
});
