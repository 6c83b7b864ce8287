// The app's settings, read from the environment once (the sandbox's own are in lib/sandbox/config.ts).
// Every setting has a default that works on one machine.
import { z } from "zod";

const list = z
  .string()
  .default("")
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

const EnvSchema = z.object({
  DATABASE_URL: z.string().default("file:./.caisson/caisson.db"),
  OPENAI_API_KEY: z.string().default(""),
  OPENAI_BASE_URL: z.string().default(""),
  OPENAI_MODELS: list,
  ANTHROPIC_API_KEY: z.string().default(""),
  ANTHROPIC_BASE_URL: z.string().default(""),
  ANTHROPIC_MODELS: list,
  OPENAI_COMPATIBLE_BASE_URL: z.string().default(""),
  OPENAI_COMPATIBLE_API_KEY: z.string().default(""),
  OPENAI_COMPATIBLE_NAME: z.string().default("Local"),
  OPENAI_COMPATIBLE_MODELS: list,
  CAISSON_DEFAULT_MODEL: z.string().default(""),
  CAISSON_MAX_MESSAGE_CHARS: z.coerce.number().int().positive().default(100_000),
  CAISSON_MAX_STEPS: z.coerce.number().int().positive().default(12),
});

export type AppConfig = z.infer<typeof EnvSchema>;

let cached: AppConfig | undefined;

export function appConfig(): AppConfig {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}
