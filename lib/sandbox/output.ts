// Output handling that never grows with the command's output: a head+tail cap per stream and a
// demultiplexer for Docker's framed stdout/stderr stream. Nothing here may buffer a whole stream.

export type StreamName = "stdout" | "stderr";

export interface OutputChunk {
  stream: StreamName;
  data: Buffer;
  /** Milliseconds since the epoch when the app received the chunk. */
  at: number;
}

export interface CappedText {
  /** Head and tail joined by a one-line notice when the middle was dropped. */
  text: string;
  totalBytes: number;
  droppedBytes: number;
  truncated: boolean;
}

/** Keeps the first `headBytes` and the last `tailBytes` of a stream and counts the rest. */
export class CappedOutput {
  private head: Buffer[] = [];
  private headLength = 0;
  private tail: Buffer[] = [];
  private tailLength = 0;
  totalBytes = 0;

  constructor(
    private readonly headBytes: number,
    private readonly tailBytes: number,
  ) {}

  push(data: Buffer): void {
    this.totalBytes += data.length;
    if (this.headLength < this.headBytes) {
      const take = Math.min(this.headBytes - this.headLength, data.length);
      // Copy: the caller's buffer may be a slice of a much larger socket buffer.
      this.head.push(Buffer.from(data.subarray(0, take)));
      this.headLength += take;
      data = data.subarray(take);
    }
    if (data.length === 0 || this.tailBytes === 0) return;
    if (data.length >= this.tailBytes) {
      this.tail = [Buffer.from(data.subarray(data.length - this.tailBytes))];
      this.tailLength = this.tailBytes;
      return;
    }
    this.tail.push(Buffer.from(data));
    this.tailLength += data.length;
    while (this.tailLength - (this.tail[0]?.length ?? 0) >= this.tailBytes) {
      this.tailLength -= this.tail.shift()!.length;
    }
  }

  result(): CappedText {
    const head = Buffer.concat(this.head);
    let tail = Buffer.concat(this.tail);
    if (tail.length > this.tailBytes) tail = tail.subarray(tail.length - this.tailBytes);
    const droppedBytes = this.totalBytes - head.length - tail.length;
    if (droppedBytes === 0) {
      return { text: Buffer.concat([head, tail]).toString("utf8"), totalBytes: this.totalBytes, droppedBytes: 0, truncated: false };
    }
    const notice = `\n[... ${droppedBytes} bytes dropped ...]\n`;
    return {
      text: head.toString("utf8") + notice + tail.toString("utf8"),
      totalBytes: this.totalBytes,
      droppedBytes,
      truncated: true,
    };
  }
}

/**
 * Splits Docker's multiplexed attach stream (8-byte header: stream type, 3 zero bytes, big-endian
 * payload length) into payloads, calling `onFrame` synchronously so nothing queues up.
 */
export function createDemuxer(onFrame: (stream: StreamName, payload: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let header: { stream: StreamName; remaining: number } | null = null;
  return (chunk: Buffer) => {
    let data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (!header) {
        if (data.length < 8) {
          pending = Buffer.from(data);
          return;
        }
        header = { stream: data[0] === 2 ? "stderr" : "stdout", remaining: data.readUInt32BE(4) };
        data = data.subarray(8);
        if (header.remaining === 0) header = null;
        continue;
      }
      const take = Math.min(header.remaining, data.length);
      onFrame(header.stream, data.subarray(0, take));
      header.remaining -= take;
      data = data.subarray(take);
      if (header.remaining === 0) header = null;
    }
  };
}
