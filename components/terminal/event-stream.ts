// Follows one of the server's terminal streams (SSE): writes text to the terminal, starts over on
// "reset", and lets EventSource reconnect with Last-Event-ID so nothing is lost or repeated.

export interface TerminalStream {
  close: () => void;
}

export function followTerminalStream(
  url: string,
  handlers: { write: (text: string) => void; reset: () => void; end?: (reason: string) => void; error?: () => void },
): TerminalStream {
  const source = new EventSource(url);
  source.onmessage = (event) => {
    const { d, gap } = JSON.parse(event.data) as { o: number; d: string; gap?: boolean };
    if (gap) handlers.write("\x1b[2m[… earlier output no longer kept …]\x1b[0m\r\n");
    handlers.write(d);
  };
  source.addEventListener("reset", () => handlers.reset());
  source.addEventListener("end", (event) => {
    source.close();
    handlers.end?.(JSON.parse((event as MessageEvent).data).reason as string);
  });
  source.onerror = () => handlers.error?.();
  return { close: () => source.close() };
}
