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
  /** The source file's name inside $DIR. */
  file: string;
  /** Optional build step (bash, run in /mnt/data); its failure is reported as phase "compile". */
  compile?: string;
  /** The run step (bash); "$@" are the user's args. */
  run: string;
  /** Prints the toolchain's version. */
  version: string;
  /** Highlighting hint for the UI. */
  highlight: string;
}

export const LANGUAGES: Language[] = [
  {
    id: "python",
    aliases: ["py", "python3"],
    label: "Python",
    file: "main.py",
    run: 'exec python3 "$DIR/main.py" "$@"',
    version: "python3 --version",
    highlight: "python",
  },
  {
    id: "javascript",
    aliases: ["js", "node", "nodejs"],
    label: "JavaScript (Node.js)",
    file: "main.mjs",
    run: 'exec node "$DIR/main.mjs" "$@"',
    version: "node --version",
    highlight: "javascript",
  },
  {
    id: "bash",
    aliases: ["sh", "shell"],
    label: "Bash",
    file: "main.sh",
    run: 'exec bash "$DIR/main.sh" "$@"',
    version: "bash --version | head -1",
    highlight: "bash",
  },
  {
    id: "c",
    aliases: [],
    label: "C",
    file: "main.c",
    compile: 'gcc -O2 -Wall -Wextra -std=c17 -o "$DIR/main" "$DIR/main.c" -lm',
    run: 'exec "$DIR/main" "$@"',
    version: "gcc --version | head -1",
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
    highlight: "cpp",
  },
];

const byName = new Map<string, Language>();
for (const language of LANGUAGES) for (const name of [language.id, ...language.aliases]) byName.set(name, language);

/** The language for a name or alias, case-insensitive; undefined when unknown. */
export function findLanguage(name: string): Language | undefined {
  return byName.get(name.trim().toLowerCase());
}

export function languageNames(): string {
  return LANGUAGES.map((l) => l.id).join(", ");
}
