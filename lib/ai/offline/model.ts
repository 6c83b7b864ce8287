// The built-in offline model: a real language model for the AI SDK (streams text and tool calls)
// that needs no provider. It runs what the user's message contains and reports what happened.
// Never import ai/test here: this ships in the production bundle.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { OFFLINE_HELP, type PlannedCall, type ToolOutcome, callsInMessage, summarise } from "./plan";

export const OFFLINE_MODEL_ID = "caisson-offline";

type Reply = { kind: "text"; text: string } | { kind: "calls"; calls: PlannedCall[] };

function outputValue(output: { type: string; value?: unknown }): ToolOutcome["result"] | string {
  if (output.type === "json") return output.value as ToolOutcome["result"];
  if (output.type === "error-text" || output.type === "text") return String(output.value).replace(/^(\w*Error: )+/, "");
  if (output.type === "error-json") return JSON.stringify(output.value);
  return `(${output.type})`;
}

/** What to answer to this prompt. */
export function decide(prompt: LanguageModelV4Prompt): Reply {
  const last = prompt.at(-1);
  if (last?.role === "tool") {
    // The results of this turn's calls: every tool message after the last user message.
    const lastUser = prompt.findLastIndex((m) => m.role === "user");
    const outcomes: ToolOutcome[] = [];
    for (const message of prompt.slice(lastUser + 1)) {
      if (message.role !== "tool") continue;
      for (const part of message.content) {
        if (part.type !== "tool-result") continue;
        const value = outputValue(part.output as { type: string; value?: unknown });
        const isError = part.output.type.startsWith("error");
        outcomes.push(
          typeof value === "string" || isError
            ? { toolName: part.toolName, error: typeof value === "string" ? value : JSON.stringify(value) }
            : { toolName: part.toolName, result: value },
        );
      }
    }
    return { kind: "text", text: summarise(outcomes) };
  }
  if (last?.role === "user") {
    const text = last.content.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
    const calls = callsInMessage(text);
    if (calls.length > 0) return { kind: "calls", calls };
  }
  return { kind: "text", text: OFFLINE_HELP };
}

const usage = (input: number, output: number): LanguageModelV4Usage => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

const promptSize = (prompt: LanguageModelV4Prompt) => Math.ceil(JSON.stringify(prompt).length / 4);

function toolCallId(index: number): string {
  return `call_${index}_${crypto.randomUUID().slice(0, 12)}`;
}

/** Text in word-sized pieces, so the UI shows it streaming. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

export function createOfflineModel(options: { delayMs?: number } = {}): LanguageModelV4 {
  const delayMs = options.delayMs ?? 8;
  return {
    specificationVersion: "v4",
    provider: "caisson",
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},

    async doGenerate(call: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
      const reply = decide(call.prompt);
      const content: LanguageModelV4Content[] =
        reply.kind === "text"
          ? [{ type: "text", text: reply.text }]
          : reply.calls.map((c, i) => ({ type: "tool-call", toolCallId: toolCallId(i), toolName: c.toolName, input: JSON.stringify(c.input) }));
      return {
        content,
        finishReason: reply.kind === "text" ? { unified: "stop", raw: "stop" } : { unified: "tool-calls", raw: "tool_calls" },
        usage: usage(promptSize(call.prompt), reply.kind === "text" ? pieces(reply.text).length : 10),
        warnings: [],
      };
    },

    async doStream(call: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
      const reply = decide(call.prompt);
      const signal = call.abortSignal;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          const sleep = () => new Promise((r) => setTimeout(r, delayMs));
          controller.enqueue({ type: "stream-start", warnings: [] });
          controller.enqueue({ type: "response-metadata", id: `offline-${Date.now().toString(36)}`, modelId: OFFLINE_MODEL_ID, timestamp: new Date() });
          if (reply.kind === "text") {
            controller.enqueue({ type: "text-start", id: "t0" });
            for (const delta of pieces(reply.text)) {
              if (signal?.aborted) return controller.error(signal.reason);
              controller.enqueue({ type: "text-delta", id: "t0", delta });
              if (delayMs) await sleep();
            }
            controller.enqueue({ type: "text-end", id: "t0" });
            controller.enqueue({ type: "finish", usage: usage(promptSize(call.prompt), pieces(reply.text).length), finishReason: { unified: "stop", raw: "stop" } });
          } else {
            reply.calls.forEach((c, i) => {
              const id = toolCallId(i);
              const input = JSON.stringify(c.input);
              controller.enqueue({ type: "tool-input-start", id, toolName: c.toolName });
              controller.enqueue({ type: "tool-input-delta", id, delta: input });
              controller.enqueue({ type: "tool-input-end", id });
              controller.enqueue({ type: "tool-call", toolCallId: id, toolName: c.toolName, input });
            });
            controller.enqueue({ type: "finish", usage: usage(promptSize(call.prompt), 10), finishReason: { unified: "tool-calls", raw: "tool_calls" } });
          }
          controller.close();
        },
      });
      return { stream };
    },
  };
}
