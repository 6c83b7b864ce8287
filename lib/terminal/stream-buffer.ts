// A growing text stream with absolute offsets, the shape both terminal tabs share: writers append,
// readers catch up from any offset they still have (a reconnect resumes where it stopped) and then
// follow live. Only the last `capacity` characters are kept; older readers are told they missed some.

export interface StreamSlice {
  /** Offset of the first character of `text`. */
  offset: number;
  text: string;
  /** True when the reader asked for text that was already dropped. */
  gap: boolean;
}

export class StreamBuffer {
  /** Names this buffer: offsets from another buffer (before a restart) mean nothing here. */
  readonly epoch = Math.random().toString(36).slice(2, 10);
  private text = "";
  private start = 0;
  private readonly listeners = new Set<(slice: StreamSlice) => void>();
  private closedReason: string | null = null;

  constructor(private readonly capacity = 2_000_000) {}

  get end(): number {
    return this.start + this.text.length;
  }

  get closed(): string | null {
    return this.closedReason;
  }

  append(text: string): void {
    if (!text) return;
    const slice = { offset: this.end, text, gap: false };
    this.text += text;
    if (this.text.length > this.capacity) {
      const drop = this.text.length - this.capacity;
      this.text = this.text.slice(drop);
      this.start += drop;
    }
    for (const listener of this.listeners) listener(slice);
  }

  /** Everything from `offset` on that is still kept. */
  readFrom(offset: number): StreamSlice {
    const from = Math.max(0, Math.min(offset, this.end));
    if (from < this.start) return { offset: this.start, text: this.text, gap: true };
    return { offset: from, text: this.text.slice(from - this.start), gap: false };
  }

  subscribe(listener: (slice: StreamSlice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Marks the stream finished (e.g. the shell exited); readers are told and stop following. */
  close(reason: string): void {
    this.closedReason = reason;
    for (const listener of this.listeners) listener({ offset: this.end, text: "", gap: false });
  }
}
