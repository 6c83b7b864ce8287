// End-to-end tests: Debian's Chromium against the built app (`next start`), real Docker, real
// SQLite, and a scripted OpenAI-compatible model server. A second app instance is pointed at a
// Docker socket that does not exist, for the "Docker unavailable" banner.
import { defineConfig, devices } from "@playwright/test";

const APP = 3301;
const NO_DOCKER = 3302;
const SCRIPTED = 3211;

const appEnv = (db: string, extra: Record<string, string> = {}) => ({
  ...(process.env as Record<string, string>),
  DATABASE_URL: `file:./.caisson/${db}.db`,
  OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${SCRIPTED}/v1`,
  OPENAI_COMPATIBLE_MODELS: "scripted-1",
  OPENAI_COMPATIBLE_NAME: "Scripted",
  CAISSON_DEFAULT_MODEL: "compatible:scripted-1",
  CAISSON_INSTANCE: "e2e",
  ...extra,
});

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${APP}`,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    { command: `npx --no-install tsx e2e/scripted-provider.ts ${SCRIPTED}`, url: `http://127.0.0.1:${SCRIPTED}/health`, reuseExistingServer: false, timeout: 30_000 },
    {
      command: `bash e2e/start-app.sh e2e ${APP}`,
      url: `http://127.0.0.1:${APP}/api/health`,
      env: appEnv("e2e"),
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `bash e2e/start-app.sh e2e-nodocker ${NO_DOCKER}`,
      url: `http://127.0.0.1:${NO_DOCKER}/api/models`,
      // Also an OpenAI endpoint where nothing listens: the "provider unreachable" error.
      env: appEnv("e2e-nodocker", {
        DOCKER_HOST: "unix:///nonexistent/docker.sock",
        CAISSON_INSTANCE: "e2e-nodocker",
        OPENAI_API_KEY: "sk-unreachable",
        OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
        OPENAI_MODELS: "gpt-unreachable",
      }),
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});

export const NO_DOCKER_URL = `http://127.0.0.1:${NO_DOCKER}`;
