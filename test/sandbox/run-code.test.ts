// run_code in the real image: each language of the table runs, reads stdin and args, and a
// compile failure is told apart from a run failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES, findLanguage } from "../../lib/sandbox/languages";
import { requireLanguage, runCode } from "../../lib/sandbox/run-code";
import type { Sandbox } from "../../lib/sandbox/sandbox";
import { cleanUp, testManager, uniqueChat } from "../helpers/sandboxes";

const manager = testManager();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await manager.get(uniqueChat("run-code"));
});
afterAll(() => cleanUp(manager));

const HELLO: Record<string, string> = {
  python: "import sys\nprint('hello', sys.argv[1:], sys.stdin.read().strip())",
  javascript: "const fs = require('node:fs');\nconsole.log('hello', process.argv.slice(2), fs.readFileSync(0, 'utf8').trim());".replace("require('node:fs')", "await import('node:fs')"),
  bash: 'echo hello "$@" "$(cat)"',
  c: '#include <stdio.h>\nint main(int argc, char **argv) { (void)argc; char line[64] = ""; fgets(line, sizeof line, stdin); printf("hello %s %s", argv[1], line); return 0; }',
  "c++": '#include <iostream>\n#include <string>\nint main(int argc, char **argv) { (void)argc; std::string line; std::getline(std::cin, line); std::cout << "hello " << argv[1] << " " << line << "\\n"; }',
};

describe("run_code", () => {
  it.each(Object.keys(HELLO))("%s: runs with args and stdin, in /mnt/data", async (id) => {
    const r = await runCode(sandbox, { language: id, code: HELLO[id]!, args: ["arg1"], stdin: "from-stdin\n" });
    expect(r.stderr.text).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.phase).toBe("run");
    expect(r.stdout.text).toContain("hello");
    expect(r.stdout.text).toContain("arg1");
    expect(r.stdout.text).toContain("from-stdin");
  });

  it("accepts aliases and refuses unknown languages with the list", async () => {
    expect(findLanguage("PY")?.id).toBe("python");
    expect(findLanguage("cpp")?.id).toBe("c++");
    expect(() => requireLanguage("ts", ["python", "bash"])).toThrow("TypeScript is not in this sandbox image (the slim variant). Available: python, bash.");
    await expect(runCode(sandbox, { language: "cobol", code: "x" })).rejects.toThrow(`Unknown language "cobol". Available: ${LANGUAGES.map((l) => l.id).join(", ")}.`);
  });

  it("compiles with warnings on, and shows them", async () => {
    const r = await runCode(sandbox, { language: "c", code: "int main(int argc, char **argv) { return 0; }" });
    expect(r).toMatchObject({ phase: "run", exitCode: 0 });
    expect(r.stderr.text).toContain("unused parameter");
  });

  it("reports a compile error as phase compile with the compiler's diagnostics", async () => {
    const r = await runCode(sandbox, { language: "c", code: "int main(void) { return undefined_name; }" });
    expect(r.phase).toBe("compile");
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr.text).toContain("undefined_name");
    expect(r.stderr.text).not.toContain("CAISSON_COMPILE_FAILED");
  });

  it("reports a crash as phase run with its exit code and stderr", async () => {
    const r = await runCode(sandbox, { language: "python", code: "import sys\nprint('partial')\nsys.exit('bad things')" });
    expect(r).toMatchObject({ phase: "run", exitCode: 1, stdout: { text: "partial\n" }, stderr: { text: "bad things\n" } });
  });

  it("gives EOF to a program that reads stdin when none is given, and hides its own variables", async () => {
    const r = await runCode(sandbox, { language: "python", code: "import os, sys\nprint(repr(sys.stdin.read()), 'CAISSON_CODE' in os.environ, os.getcwd())" });
    expect(r.stdout.text).toBe("'' False /mnt/data\n");
  });

  it("runs code too large for the environment by uploading it first", async () => {
    const code = `# ${"x".repeat(70_000)}\nprint('big ok')`;
    const r = await runCode(sandbox, { language: "python", code });
    expect(r.stdout.text).toBe("big ok\n");
  });
});
