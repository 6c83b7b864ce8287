// The app's message type, built from the tool definitions so the UI's tool cards are type-checked
// against the tools' real input and output. Import types only from here in components.
import type { InferUITools, UIDataTypes, UIMessage } from "ai";
import type { bashTool } from "./tools/bash";
import type { runCodeTool } from "./tools/run-code";

export type ChatTools = InferUITools<{ bash: ReturnType<typeof bashTool>; run_code: ReturnType<typeof runCodeTool> }>;
export type ChatMessage = UIMessage<unknown, UIDataTypes, ChatTools>;
export type { ToolRunResult } from "./tools/shape";
export type { RunningOutput } from "./tools/live";
