// The language table: one entry per language run_code accepts. Adding a language is one entry here
// and one packages/*.txt file in sandbox-images/, nothing else. Commands run in the code's own
// folder ($DIR) with /mnt/data as the working directory.

export interface Language {
  /** The name the model and the UI use. */
  id: string;
  /** Other names accepted for it (lower case). */
  aliases: string[];
  /** Display name. */
  label: string;
  /** The source file's name inside $DIR: fixed, or read from the code (Java's public class). */
  file: string | ((code: string) => string);
  /** Extra variables for the compile and run steps, read from the code (Java's main class). */
  vars?: (code: string) => Record<string, string>;
  /** Optional build step (bash, run in /mnt/data); its failure is reported as phase "compile". */
  compile?: string;
  /** The run step (bash); "$@" are the user's args. */
  run: string;
  /** Prints the toolchain's version (first line is shown). */
  version: string;
  /** The programs the language needs: it is offered only when the image has all of them. */
  requires: string[];
  /** Highlighting hint for the UI. */
  highlight: string;
}

/** Java: the public class names the file; the class with main (and its package) is what runs. */
const javaClass = (code: string) => /\bpublic\s+(?:(?:final|abstract|static)\s+)*(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)/.exec(code)?.[1];
const javaMain = (code: string) => {
  const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(code)?.[1];
  const withMain = /\b(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)[^{]*\{(?:(?!\b(?:class|record|enum|interface)\s)[\s\S])*?\bstatic\s+void\s+main\s*\(/.exec(code)?.[1];
  const name = withMain ?? javaClass(code) ?? "Main";
  return pkg ? `${pkg}.${name}` : name;
};

export const LANGUAGES: Language[] = [
  { id: "python", aliases: ["py", "python3"], label: "Python", file: "main.py", run: 'exec python3 "$DIR/main.py" "$@"', version: "python3 --version", requires: ["python3"], highlight: "python" },
  {
    id: "javascript",
    aliases: ["js", "node", "nodejs", "mjs"],
    label: "JavaScript (Node.js)",
    file: "main.mjs",
    run: 'exec node "$DIR/main.mjs" "$@"',
    version: "node --version",
    requires: ["node"],
    highlight: "javascript",
  },
  {
    id: "typescript",
    aliases: ["ts"],
    label: "TypeScript",
    file: "main.ts",
    // esbuild strips the types (no type check: fast); node runs the result.
    compile: 'esbuild "$DIR/main.ts" --outfile="$DIR/main.mjs" --format=esm --platform=node --log-level=warning',
    run: 'exec node "$DIR/main.mjs" "$@"',
    version: "echo \"esbuild $(esbuild --version), node $(node --version)\"",
    requires: ["esbuild", "node"],
    highlight: "typescript",
  },
  { id: "bash", aliases: ["sh", "shell"], label: "Bash", file: "main.sh", run: 'exec bash "$DIR/main.sh" "$@"', version: "bash --version | head -1", requires: ["bash"], highlight: "bash" },
  { id: "ruby", aliases: ["rb"], label: "Ruby", file: "main.rb", run: 'exec ruby "$DIR/main.rb" "$@"', version: "ruby --version", requires: ["ruby"], highlight: "ruby" },
  { id: "perl", aliases: ["pl"], label: "Perl", file: "main.pl", run: 'exec perl "$DIR/main.pl" "$@"', version: "perl -e 'print \"perl $^V\\n\"'", requires: ["perl"], highlight: "perl" },
  { id: "php", aliases: [], label: "PHP", file: "main.php", run: 'exec php "$DIR/main.php" "$@"', version: "php --version | head -1", requires: ["php"], highlight: "php" },
  {
    id: "go",
    aliases: ["golang"],
    label: "Go",
    file: "main.go",
    // The build cache is in HOME (the chat's storage): the second build is fast.
    compile: 'go build -o "$DIR/main" "$DIR/main.go"',
    run: 'exec "$DIR/main" "$@"',
    version: "go version",
    requires: ["go"],
    highlight: "go",
  },
  {
    id: "java",
    aliases: [],
    label: "Java",
    file: (code) => `${javaClass(code) ?? "Main"}.java`,
    vars: (code) => ({ MAIN_CLASS: javaMain(code) }),
    compile: 'javac -Xlint:all -d "$DIR/classes" "$DIR"/*.java',
    run: 'exec java -cp "$DIR/classes" "$MAIN_CLASS" "$@"',
    version: "javac -version 2>&1",
    requires: ["javac", "java"],
    highlight: "java",
  },
  {
    id: "kotlin",
    aliases: ["kt", "kts"],
    label: "Kotlin",
    file: "main.kt",
    // kotlinc names the jar's main class after whatever main function the file has.
    // (minus the JVM's warning about kotlinc's own options, which is noise to the user)
    compile: 'kotlinc "$DIR/main.kt" -include-runtime -d "$DIR/main.jar" 2>&1 | grep -v "^OpenJDK 64-Bit Server VM warning" >&2; [ "${PIPESTATUS[0]}" = 0 ]',
    run: 'exec java -jar "$DIR/main.jar" "$@"',
    version: "kotlinc -version 2>&1 | grep -v warning | sed 's/^info: //' | head -1",
    requires: ["kotlinc", "java"],
    highlight: "kotlin",
  },
  {
    id: "swift",
    aliases: [],
    label: "Swift",
    file: "main.swift",
    compile: 'swiftc -O -module-cache-path "$HOME/.cache/swift-modules" -o "$DIR/main" "$DIR/main.swift"',
    run: 'exec "$DIR/main" "$@"',
    version: "swiftc --version 2>&1 | head -1",
    requires: ["swiftc"],
    highlight: "swift",
  },
  {
    id: "c",
    aliases: [],
    label: "C",
    file: "main.c",
    compile: 'gcc -O2 -Wall -Wextra -std=c17 -o "$DIR/main" "$DIR/main.c" -lm',
    run: 'exec "$DIR/main" "$@"',
    version: "gcc --version | head -1",
    requires: ["gcc"],
    highlight: "c",
  },
  {
    id: "c++",
    aliases: ["cpp", "cxx", "cc"],
    label: "C++",
    file: "main.cpp",
    compile: 'g++ -O2 -Wall -Wextra -std=c++20 -o "$DIR/main" "$DIR/main.cpp"',
    run: 'exec "$DIR/main" "$@"',
    version: "g++ --version | head -1",
    requires: ["g++"],
    highlight: "cpp",
  },
  {
    id: "rust",
    aliases: ["rs"],
    label: "Rust",
    file: "main.rs",
    compile: 'rustc -O -o "$DIR/main" "$DIR/main.rs"',
    run: 'exec "$DIR/main" "$@"',
    version: "rustc --version",
    requires: ["rustc"],
    highlight: "rust",
  },
  { id: "r", aliases: ["rscript"], label: "R", file: "main.R", run: 'exec Rscript "$DIR/main.R" "$@"', version: "Rscript --version 2>&1 | head -1", requires: ["Rscript"], highlight: "r" },
  { id: "lua", aliases: [], label: "Lua", file: "main.lua", run: 'exec lua5.4 "$DIR/main.lua" "$@"', version: "lua5.4 -v", requires: ["lua5.4"], highlight: "lua" },
];

export function sourceFile(language: Language, code: string): string {
  return typeof language.file === "string" ? language.file : language.file(code);
}

const byName = new Map<string, Language>();
for (const language of LANGUAGES) for (const name of [language.id, ...language.aliases]) byName.set(name, language);

/** The language for a name or alias, case-insensitive; undefined when unknown. */
export function findLanguage(name: string): Language | undefined {
  return byName.get(name.trim().toLowerCase());
}
