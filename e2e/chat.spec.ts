// A person's path through the app: chat with a scripted model and with the offline model, watch code
// run in the chat's sandbox, use the terminal, stop a command, see provider and Docker errors.
import { expect, test } from "@playwright/test";
import { NO_DOCKER_URL } from "../playwright.config";
import { ChatPage } from "./pages/chat";

const SCRIPTED = "compatible:scripted-1";
const OFFLINE = "offline:caisson-offline";

test("text streams in from the scripted model", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.start("hello there, this is a streaming test", SCRIPTED);
  await expect(page.getByTestId("message-user")).toContainText("hello there");
  // Watch the reply grow: part of it shows before the whole of it.
  const complete = "You said: hello there, this is a streaming test";
  const partial: string[] = [];
  await expect
    .poll(
      async () => {
        const text = (await chat.assistantMessages.first().textContent().catch(() => "")) ?? "";
        if (text && !text.includes(complete)) partial.push(text);
        return text;
      },
      { intervals: [25], timeout: 20_000 },
    )
    .toContain(complete);
  expect(partial.length).toBeGreaterThan(0);
  expect(partial[0]!.length).toBeLessThan(complete.length);
  await chat.screenshot("chat-text-1280");
});

test("run_code shows live output and exit code, the transcript shows the same run, and both survive a reload", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.start("run this: ```python\nimport time\nfor i in range(4):\n    print('tick', i, flush=True)\n    time.sleep(0.6)\n```", SCRIPTED);
  const card = chat.toolCards.first();
  // Live: output appears while the card still says running.
  await expect(card.getByTestId("tool-output")).toContainText("tick 0");
  await expect(card).toHaveAttribute("data-state", "running");
  await expect(card.getByTestId("tool-exit")).toHaveText("exit 0");
  await expect(card.getByTestId("tool-output")).toContainText("tick 3");
  await expect(chat.lastAssistant).toContainText("Scripted summary. exit code 0: tick 3");
  await chat.expectTerminal("terminal-transcript", /run_code python[\s\S]*tick 0[\s\S]*tick 3[\s\S]*exit 0/);
  await chat.screenshot("chat-run-code-1280");

  await page.reload();
  await expect(chat.toolCards.first().getByTestId("tool-exit")).toHaveText("exit 0");
  await expect(chat.lastAssistant).toContainText("Scripted summary");
  await chat.expectTerminal("terminal-transcript", /run_code python[\s\S]*tick 3[\s\S]*exit 0/);
});

test("the interactive shell is a real terminal in the chat's sandbox", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.start("$ echo prepared > /mnt/data/marker.txt", SCRIPTED);
  await expect(chat.toolCards.first().getByTestId("tool-exit")).toHaveText("exit 0");
  await chat.openShell();
  await chat.expectTerminal("terminal-shell", /sandbox:.*\$/);
  await chat.typeInShell("echo $((6*7)); cat /mnt/data/marker.txt\r");
  await chat.expectTerminal("terminal-shell", /\n42\s*\nprepared/);
  await chat.screenshot("terminal-shell-1280");
});

test("stop ends a running sleep 60 within 2 s and kills it", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.start("$ sleep 60", SCRIPTED);
  const card = chat.toolCards.first();
  await expect(card).toHaveAttribute("data-state", "running");
  await page.getByTestId("stop-button").click();
  await expect(card).toHaveAttribute("data-state", "stopped", { timeout: 2_000 });
  await expect(page.getByTestId("send-button")).toBeVisible({ timeout: 2_000 });
  // The process is gone from the sandbox, and the chat goes on.
  await chat.send("$ pgrep -c -f 'slee[p] 60' || true");
  await expect(chat.toolCards.last().getByTestId("tool-output")).toHaveText("0");
  await page.reload();
  await expect(chat.toolCards.first()).toHaveAttribute("data-state", "error");
  await expect(chat.toolCards.first()).toContainText("Stopped by the user");
});

test("a provider error shows a readable error card with a retry button", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.start("please fail [error:401]", SCRIPTED);
  await expect(chat.errorCard).toContainText("rejected the API key");
  await expect(page.getByTestId("retry-button")).toBeVisible();
  await chat.screenshot("provider-error-1280");
});

test("the offline model runs a fenced block and reports the result", async ({ page }) => {
  const chat = new ChatPage(page);
  await page.goto("/");
  await page.getByTestId("model-picker").selectOption(OFFLINE);
  await expect(page.getByTestId("offline-badge")).toBeVisible();
  await chat.composer.fill("run this: ```python print(2**100)```");
  await chat.composer.press("Enter");
  await expect(chat.toolCards.first().getByTestId("tool-output")).toHaveText("1267650600228229401496703205376");
  await expect(chat.lastAssistant).toContainText("exited with code 0");
  await expect(page.getByTestId("offline-badge")).toBeVisible();
  await chat.expectTerminal("terminal-transcript", /1267650600228229401496703205376/);
});

test("chats can be renamed and deleted from the sidebar", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.start("$ echo to be deleted", SCRIPTED);
  await expect(chat.toolCards.first().getByTestId("tool-exit")).toHaveText("exit 0");
  const item = page.getByTestId("chat-item").filter({ hasText: "echo to be deleted" });
  await item.getByTestId("rename-chat").click();
  await page.getByTestId("rename-input").fill("Renamed chat");
  await page.getByTestId("rename-input").press("Enter");
  await expect(page.getByTestId("chat-item").filter({ hasText: "Renamed chat" })).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("chat-item").filter({ hasText: "Renamed chat" }).getByTestId("delete-chat").click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("chat-item").filter({ hasText: "Renamed chat" })).toHaveCount(0);
});

test("on a phone the chat, the drawer and the terminal all fit", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const chat = new ChatPage(page);
  await chat.start("run this: ```python\nprint('phone', 6*7)\n```", SCRIPTED);
  await expect(chat.toolCards.first().getByTestId("tool-exit")).toHaveText("exit 0");
  await chat.screenshot("chat-390");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByTestId("toggle-terminal-mobile").click();
  await chat.expectTerminal("terminal-transcript", /phone 42/);
  await chat.screenshot("terminal-390");
  await page.getByTestId("toggle-terminal-mobile").click();
  await page.getByTestId("open-drawer").click();
  await expect(page.getByTestId("new-chat")).toBeVisible();
  await chat.screenshot("drawer-390");
});

test("with Docker unavailable the banner says how to fix it and a tool call fails with that message", async ({ page }) => {
  await page.goto(`${NO_DOCKER_URL}/`);
  await expect(page.getByTestId("health-banner")).toContainText("apt-get install -y docker.io");
  const chat = new ChatPage(page);
  await chat.composer.fill("$ echo hi");
  await chat.composer.press("Enter");
  await page.waitForURL(/\/chat\//);
  await expect(chat.toolCards.first().getByTestId("tool-error")).toBeVisible();
  await expect(chat.toolCards.first()).toContainText("is not reachable");
  await chat.screenshot("docker-down-1280");
});

test("the Languages panel lists every language of the image with its version", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("languages-button").click();
  const rows = page.getByTestId("language-row");
  await expect(rows).toHaveCount(16);
  await expect(rows.filter({ hasText: "Python" })).toContainText(/Python 3\.\d+/);
  await expect(rows.filter({ hasText: "Go" }).first()).toContainText(/go1\.\d+/);
  await expect(rows.filter({ hasText: "Rust" })).toContainText(/rustc 1\.\d+/);
  await page.screenshot({ path: "test-results/screenshots/languages-1280.png" });
});

test("an unreachable provider shows an error card that says so", async ({ page }) => {
  await page.goto(`${NO_DOCKER_URL}/`);
  const chat = new ChatPage(page);
  await page.getByTestId("model-picker").selectOption("openai:gpt-unreachable");
  await chat.composer.fill("hello?");
  await chat.composer.press("Enter");
  await expect(chat.errorCard).toContainText("Could not reach the model provider", { timeout: 30_000 });
  await expect(page.getByTestId("retry-button")).toBeVisible();
});
