"use client";
import type { Terminal as XTerm } from "@xterm/xterm";
import { useEffect, useRef } from "react";

export interface XtermHandle {
  term: XTerm;
  fit: () => void;
}

/**
 * An xterm.js terminal that fills its box and refits when the box changes. xterm touches the DOM
 * at import time, so it is loaded inside the effect (never during server rendering).
 */
export function XtermView(props: {
  testId: string;
  interactive: boolean;
  onReady: (handle: XtermHandle) => void | (() => void);
  onData?: (data: string) => void;
  onResize?: (cols: number, rows: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;

  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | void;
    let observer: ResizeObserver | undefined;
    let term: XTerm | undefined;
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed || !box.current) return;
      term = new Terminal({
        convertEol: false,
        cursorBlink: props.interactive,
        disableStdin: !props.interactive,
        fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
        fontSize: 13,
        scrollback: 10_000,
        theme: { background: "#0d1117", foreground: "#e6edf3", cursor: props.interactive ? "#e6edf3" : "#0d1117" },
      });
      const fitAddon = new FitAddon();
      term.loadAddon(fitAddon);
      term.open(box.current);
      const fit = () => {
        try {
          if (box.current && box.current.offsetWidth > 0 && box.current.offsetHeight > 0) fitAddon.fit();
        } catch {
          // the box is hidden: fit again when it shows
        }
      };
      fit();
      term.onData((data) => callbacks.current.onData?.(data));
      term.onResize(({ cols, rows }) => callbacks.current.onResize?.(cols, rows));
      observer = new ResizeObserver(() => fit());
      observer.observe(box.current);
      cleanup = callbacks.current.onReady({ term, fit });
    })();
    return () => {
      disposed = true;
      observer?.disconnect();
      cleanup?.();
      term?.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div data-testid={props.testId} ref={box} className="h-full w-full overflow-hidden bg-[#0d1117] p-1" />;
}
