// Every language of the table proves itself in the real image: hello with args and stdin, a runtime
// failure's exit code, a syntax or compile error reported with its phase and diagnostics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "../../lib/sandbox/languages";
import { runCode } from "../../lib/sandbox/run-code";
import type { Sandbox } from "../../lib/sandbox/sandbox";
import { cleanUp, testManager, uniqueChat } from "../helpers/sandboxes";

const manager = testManager({ config: { limits: { memoryBytes: 2048 * 1024 * 1024, cpus: 2, pidsLimit: 512, tmpBytes: 256 * 1024 * 1024, diskBytes: 2048 * 1024 * 1024 } } });
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await manager.get(uniqueChat("languages"));
});
afterAll(() => cleanUp(manager));

/** Each program prints hello|<args joined by ,>|<stdin trimmed> and exits 3 when its first arg is "fail". */
const PROGRAMS: Record<string, string> = {
  python: `import sys
data = sys.stdin.read().strip()
print("hello|" + ",".join(sys.argv[1:]) + "|" + data)
sys.exit(3 if sys.argv[1:2] == ["fail"] else 0)`,
  javascript: `import fs from "node:fs";
const data = fs.readFileSync(0, "utf8").trim();
const args = process.argv.slice(2);
console.log(\`hello|\${args.join(",")}|\${data}\`);
process.exit(args[0] === "fail" ? 3 : 0);`,
  typescript: `import fs from "node:fs";
const data: string = fs.readFileSync(0, "utf8").trim();
const args: string[] = process.argv.slice(2);
console.log(\`hello|\${args.join(",")}|\${data}\`);
process.exit(args[0] === "fail" ? 3 : 0);`,
  bash: `data=$(cat)
(IFS=,; echo "hello|$*|$data")
[ "$1" = fail ] && exit 3
exit 0`,
  ruby: `data = $stdin.read.strip
puts "hello|#{ARGV.join(',')}|#{data}"
exit(ARGV[0] == "fail" ? 3 : 0)`,
  perl: `my $data = do { local $/; <STDIN> } // "";
$data =~ s/^\\s+|\\s+$//g;
print "hello|" . join(",", @ARGV) . "|$data\\n";
exit((($ARGV[0] // "") eq "fail") ? 3 : 0);`,
  php: `<?php
$data = trim(stream_get_contents(STDIN));
$args = array_slice($argv, 1);
echo "hello|" . implode(",", $args) . "|" . $data . "\\n";
exit(($args[0] ?? "") === "fail" ? 3 : 0);`,
  go: `package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	data, _ := io.ReadAll(os.Stdin)
	args := os.Args[1:]
	fmt.Printf("hello|%s|%s\\n", strings.Join(args, ","), strings.TrimSpace(string(data)))
	if len(args) > 0 && args[0] == "fail" {
		os.Exit(3)
	}
}`,
  java: `import java.io.IOException;

public class Hello {
    public static void main(String[] args) throws IOException {
        String data = new String(System.in.readAllBytes()).trim();
        System.out.println("hello|" + String.join(",", args) + "|" + data);
        System.exit(args.length > 0 && args[0].equals("fail") ? 3 : 0);
    }
}`,
  kotlin: `fun main(args: Array<String>) {
    val data = generateSequence(::readLine).joinToString("\\n").trim()
    println("hello|" + args.joinToString(",") + "|" + data)
    if (args.isNotEmpty() && args[0] == "fail") System.exit(3)
}`,
  swift: `#if canImport(Glibc)
import Glibc
#endif
var lines: [String] = []
while let line = readLine() { lines.append(line) }
let args = Array(CommandLine.arguments.dropFirst())
print("hello|\\(args.joined(separator: ","))|\\(lines.joined(separator: "\\n"))")
exit(args.first == "fail" ? 3 : 0)`,
  c: `#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
    char data[256] = "";
    size_t n = fread(data, 1, sizeof data - 1, stdin);
    data[n] = 0;
    while (n > 0 && (data[n - 1] == '\\n' || data[n - 1] == ' ')) data[--n] = 0;
    printf("hello|");
    for (int i = 1; i < argc; i++) printf("%s%s", i > 1 ? "," : "", argv[i]);
    printf("|%s\\n", data);
    return argc > 1 && strcmp(argv[1], "fail") == 0 ? 3 : 0;
}`,
  "c++": `#include <iostream>
#include <iterator>
#include <string>
int main(int argc, char **argv) {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    while (!data.empty() && (data.back() == '\\n' || data.back() == ' ')) data.pop_back();
    std::cout << "hello|";
    for (int i = 1; i < argc; i++) std::cout << (i > 1 ? "," : "") << argv[i];
    std::cout << "|" << data << "\\n";
    return argc > 1 && std::string(argv[1]) == "fail" ? 3 : 0;
}`,
  rust: `use std::io::Read;
fn main() {
    let mut data = String::new();
    std::io::stdin().read_to_string(&mut data).unwrap();
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("hello|{}|{}", args.join(","), data.trim());
    if args.first().map(|a| a == "fail").unwrap_or(false) {
        std::process::exit(3);
    }
}`,
  r: `args <- commandArgs(trailingOnly = TRUE)
data <- paste(readLines(file("stdin"), warn = FALSE), collapse = "\\n")
cat(paste0("hello|", paste(args, collapse = ","), "|", trimws(data), "\\n"))
quit(status = if (length(args) > 0 && args[1] == "fail") 3 else 0)`,
  lua: `local data = io.read("a") or ""
data = data:gsub("^%s+", ""):gsub("%s+$", "")
print("hello|" .. table.concat(arg, ",") .. "|" .. data)
os.exit(arg[1] == "fail" and 3 or 0)`,
};

const BROKEN: Record<string, string> = {
  python: "print('x'",
  javascript: "console.log('x'",
  typescript: "const x: = 1;",
  bash: "if then fi",
  ruby: "puts(",
  perl: "print 'x",
  php: "<?php echo 'x' 'y';",
  go: "package main\nfunc main() { x := }",
  java: "public class Broken { void f( }",
  kotlin: "fun main() { val x = }",
  swift: "let x = ",
  c: "int main( { }",
  "c++": "int main( { }",
  rust: "fn main() { let x = ; }",
  r: "x <- (",
  lua: "print('x'",
};

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
