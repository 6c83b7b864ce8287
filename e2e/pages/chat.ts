// The chat screen as a user sees it: selectors live here, tests read as steps.
import { type Locator, type Page, expect } from "@playwright/test";

export class ChatPage {
  constructor(readonly page: Page) {}

  /** Opens the start page, picks a model, sends the first message; lands on the new chat. */
  async start(text: string, model?: string): Promise<string> {
    await this.page.goto("/");
    if (model) await this.page.getByTestId("model-picker").selectOption(model);
    await this.composer.fill(text);
    await this.composer.press("Enter");
    await this.page.waitForURL(/\/chat\/[0-9a-f-]+$/);
    return this.page.url().split("/").at(-1)!;
  }

  get composer(): Locator {
    return this.page.getByTestId("composer-input");
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.page.getByTestId("send-button").click();
  }

  get assistantMessages(): Locator {
    return this.page.getByTestId("message-assistant");
  }

  get lastAssistant(): Locator {
    return this.assistantMessages.last();
  }

  get toolCards(): Locator {
    return this.page.getByTestId("tool-card");
  }

  get errorCard(): Locator {
    return this.page.getByTestId("chat-error");
  }

  /** Visible text of an xterm terminal (its DOM rows). */
  async terminalText(testId: "terminal-transcript" | "terminal-shell"): Promise<string> {
    return (await this.page.getByTestId(testId).locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
  }

  async expectTerminal(testId: "terminal-transcript" | "terminal-shell", pattern: RegExp): Promise<void> {
    await expect.poll(() => this.terminalText(testId), { timeout: 20_000 }).toMatch(pattern);
  }

  async openShell(): Promise<void> {
    await this.page.getByTestId("tab-shell").click();
    await expect(this.page.getByTestId("terminal-shell").locator(".xterm-rows")).toBeVisible();
  }

  async typeInShell(text: string): Promise<void> {
    await this.page.getByTestId("terminal-shell").locator(".xterm-helper-textarea").focus();
    await this.page.keyboard.type(text);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });
  }
}
