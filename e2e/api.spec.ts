// The HTTP API without the UI, as a script or CI pipeline would use it, including bad input.
import { type APIRequestContext, expect, test } from "@playwright/test";

const SCRIPTED = "compatible:scripted-1";

async function newChat(request: APIRequestContext, model = SCRIPTED): Promise<string> {
  const response = await request.post("/api/chats", { data: { model } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { chat: { id: string } }).chat.id;
}

/** POSTs a turn the way useChat's DefaultChatTransport does; returns the UI message stream's events. */
async function turn(request: APIRequestContext, id: string, text: string) {
  const response = await request.post("/api/chat", {
    data: { id, trigger: "submit-message", messages: [{ id: `u-${Date.now()}`, role: "user", parts: [{ type: "text", text }] }] },
  });
  const body = await response.text();
  const events = body
    .split("\n\n")
    .filter((e) => e.startsWith("data: ") && !e.includes("[DONE]"))
    .map((e) => JSON.parse(e.slice(6)) as Record<string, unknown>);
  return { response, events };
}

test("a chat can be driven with plain HTTP and answers with the UI message stream", async ({ request }) => {
  const id = await newChat(request);
  const { response, events } = await turn(request, id, "run this: ```python\nprint(6*7)\n```");
  expect(response.status()).toBe(200);
  expect(response.headers()["x-vercel-ai-ui-message-stream"]).toBe("v1");
  const final = events.find((e) => e.type === "tool-output-available" && !e.preliminary) as { output: { exitCode: number; stdout: { text: string } } };
  expect(final.output).toMatchObject({ exitCode: 0, stdout: { text: "42\n" } });
  expect(events.some((e) => e.type === "tool-output-available" && e.preliminary)).toBe(true);
  const stored = (await (await request.get(`/api/chats/${id}`)).json()) as { messages: Array<{ role: string }> };
  expect(stored.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
});

test("bad requests get clear errors and write nothing", async ({ request }) => {
  const id = await newChat(request);
  const malformed = await request.post("/api/chat", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);
  expect(((await malformed.json()) as { error: { message: string } }).error.message).toContain("not valid JSON");

  const missingId = await request.post("/api/chat", { data: { messages: [] } });
  expect(missingId.status()).toBe(400);
  expect(((await missingId.json()) as { error: { message: string } }).error.message).toMatch(/id: /);

  const unknown = await request.post("/api/chat", { data: { id: "no-such-chat", messages: [{ id: "m", role: "user", parts: [{ type: "text", text: "hi" }] }] } });
  expect(unknown.status()).toBe(404);
  expect((await request.get("/api/chats/no-such-chat")).status()).toBe(404);

  const empty = await turn(request, id, "   ");
  expect(empty.response.status()).toBe(400);
  expect(await empty.response.text()).toContain("The message is empty.");

  const huge = await turn(request, id, "x".repeat(100_001));
  expect(huge.response.status()).toBe(400);
  expect(await huge.response.text()).toContain("the limit is 100000");

  const badModel = await request.post("/api/chats", { data: { model: "openai:not-configured" } });
  expect(badModel.status()).toBe(400);

  const stored = (await (await request.get(`/api/chats/${id}`)).json()) as { messages: unknown[] };
  expect(stored.messages).toEqual([]);
});

test("an unknown language is a tool error that lists the languages, and the chat goes on", async ({ request }) => {
  const id = await newChat(request);
  const { events } = await turn(request, id, "```cobol\nDISPLAY 'HI'.\n```");
  const failure = events.find((e) => e.type === "tool-output-error") as { errorText: string };
  expect(failure.errorText).toBe(
    'Unknown language "cobol". Available: python, javascript, typescript, bash, ruby, perl, php, go, java, kotlin, swift, c, c++, rust, r, lua.',
  );
  expect(events.some((e) => e.type === "text-delta")).toBe(true);
  expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
});

test("invalid tool arguments go back to the model as an error and the chat continues", async ({ request }) => {
  const id = await newChat(request);
  const { events } = await turn(request, id, "[bad-args]");
  const invalid = events.find((e) => e.type === "tool-input-error") as { errorText: string };
  expect(invalid.errorText).toContain("Invalid input for tool run_code");
  const text = events.filter((e) => e.type === "text-delta").map((e) => e.delta).join("");
  expect(text).toContain("Scripted summary. error:");
  const followUp = await turn(request, id, "$ echo still here");
  expect(followUp.events.find((e) => e.type === "tool-output-available" && !e.preliminary)).toMatchObject({ output: { stdout: { text: "still here\n" } } });
});

test("a provider error is an error event, and only the user's message is stored", async ({ request }) => {
  const id = await newChat(request);
  const { response, events } = await turn(request, id, "[error:429]");
  expect(response.status()).toBe(200);
  expect(events.find((e) => e.type === "error")).toMatchObject({ errorText: expect.stringContaining("rate-limiting") });
  const stored = (await (await request.get(`/api/chats/${id}`)).json()) as { messages: Array<{ role: string }> };
  expect(stored.messages.map((m) => m.role)).toEqual(["user"]);
});

test("health reports database, Docker, image, network, firewall and sandboxes", async ({ request }) => {
  const health = (await (await request.get("/api/health")).json()) as Record<string, unknown>;
  expect(health).toMatchObject({
    ok: true,
    database: { ok: true },
    docker: { reachable: true },
    image: { present: true },
    network: { internal: true, interSandboxTraffic: false },
    firewall: { enforced: true },
  });
  expect(health.sandboxes).toMatchObject({ running: expect.any(Number), stopped: expect.any(Number) });
});

test("regenerate replaces only the last answer, and answers again after a failed turn", async ({ request }) => {
  const regenerate = (id: string, lastUser: { id: string; text: string }) =>
    request.post("/api/chat", {
      data: { id, trigger: "regenerate-message", messages: [{ id: lastUser.id, role: "user", parts: [{ type: "text", text: lastUser.text }] }] },
    });
  type Stored = { messages: Array<{ id: string; role: string; parts: Array<{ type: string; text?: string }> }> };
  const stored = async (id: string) => ((await (await request.get(`/api/chats/${id}`)).json()) as Stored).messages;

  const id = await newChat(request);
  await turn(request, id, "first");
  await turn(request, id, "second");
  const before = await stored(id);
  expect(before.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  expect((await regenerate(id, { id: before[2]!.id, text: "second" })).status()).toBe(200);
  const after = await stored(id);
  expect(after.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  expect(after[1]!.id).toBe(before[1]!.id);
  expect(after[3]!.id).not.toBe(before[3]!.id);
  expect(after[3]!.parts.find((p) => p.type === "text")?.text).toContain("You said: second");

  const failing = await newChat(request);
  await turn(request, failing, "hello");
  await turn(request, failing, "[error:401] now");
  const failed = await stored(failing);
  expect(failed.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  const retried = await regenerate(failing, { id: failed[2]!.id, text: "[error:401] now" });
  expect(await retried.text()).toContain("rejected the API key");
  expect((await stored(failing)).map((m) => m.id)).toEqual(failed.map((m) => m.id));
});
