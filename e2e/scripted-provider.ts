// The scripted language model for end-to-end tests: a local server that speaks the OpenAI Chat
// Completions protocol (streaming SSE and plain JSON), so the app's real provider package runs.
// It decides like the offline model (fences and "$ " lines become tool calls) and fails on cue:
// a message containing [error:401], [error:429] or [error:404] gets that HTTP error, and one
// containing [bad-args] gets a run_code call with invalid arguments.
import http from "node:http";
import { callsInMessage } from "../lib/ai/offline/plan";

type Message = { role: string; content: string | Array<{ type: string; text?: string }> | null; tool_calls?: unknown[] };

const port = Number(process.argv[2] ?? process.env.SCRIPTED_PORT ?? 3211);
const text = (m: Message) => (typeof m.content === "string" ? m.content : (m.content ?? []).map((p) => p.text ?? "").join(""));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Reply {
  status?: number;
  error?: string;
  text?: string;
  calls?: Array<{ name: string; arguments: string }>;
}

function decide(messages: Message[]): Reply {
  const last = messages.at(-1);
  if (last?.role === "tool") {
    const lastUser = messages.findLastIndex((m) => m.role === "user");
    const results = messages.slice(lastUser + 1).filter((m) => m.role === "tool").map((m) => {
      try {
        const r = JSON.parse(text(m)) as { exitCode?: number; stdout?: { text: string } };
        return `exit code ${r.exitCode}: ${(r.stdout?.text ?? "").trim().split("\n").at(-1) ?? ""}`;
      } catch {
        return `error: ${text(m).slice(0, 200)}`;
      }
    });
    return { text: `Scripted summary. ${results.join("; ")}` };
  }
  const said = last ? text(last) : "";
  const cue = /\[error:(\d{3})\]/.exec(said);
  if (cue) {
    const status = Number(cue[1]);
    const message = { 401: "Incorrect API key provided: sk-scripted.", 429: "Rate limit reached for requests.", 404: "The model `scripted-1` does not exist." }[status] ?? "Scripted failure.";
    return { status, error: message };
  }
  if (said.includes("[bad-args]")) return { calls: [{ name: "run_code", arguments: JSON.stringify({ language: 42 }) }] };
  const calls = callsInMessage(said);
  if (calls.length) return { calls: calls.map((c) => ({ name: c.toolName, arguments: JSON.stringify(c.input) })) };
  return { text: `Hello from the scripted model. You said: ${said}` };
}

const server = http.createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/health") return void res.end("ok");
  if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
    res.writeHead(404, { "content-type": "application/json" });
    return void res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
  }
  let raw = "";
  for await (const chunk of req) raw += chunk;
  const body = JSON.parse(raw) as { model: string; messages: Message[]; stream?: boolean };
  const reply = decide(body.messages);
  const id = `chatcmpl-${Date.now()}`;
  if (reply.error) {
    res.writeHead(reply.status!, { "content-type": "application/json" });
    return void res.end(JSON.stringify({ error: { message: reply.error, type: "invalid_request_error", code: reply.status === 401 ? "invalid_api_key" : null } }));
  }
  const toolCalls = reply.calls?.map((c, i) => ({ id: `call_${i}_${Date.now()}`, type: "function", function: c }));
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json" });
    return void res.end(
      JSON.stringify({
        id,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: reply.text ?? null, tool_calls: toolCalls }, finish_reason: toolCalls ? "tool_calls" : "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (delta: object, finish: string | null = null) =>
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
  if (toolCalls) {
    toolCalls.forEach((call, index) => {
      send({ role: "assistant", content: null, tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] });
      for (const piece of call.function.arguments.match(/[\s\S]{1,16}/g) ?? []) send({ tool_calls: [{ index, function: { arguments: piece } }] });
    });
    send({}, "tool_calls");
  } else {
    send({ role: "assistant", content: "" });
    for (const word of reply.text!.match(/\S+\s*/g) ?? []) {
      send({ content: word });
      await sleep(40); // slow enough that a browser sees the text grow
    }
    send({}, "stop");
  }
  res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`);
  res.end("data: [DONE]\n\n");
});

server.listen(port, "127.0.0.1", () => console.log(`scripted provider on http://127.0.0.1:${port}/v1`));
