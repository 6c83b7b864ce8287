import { describe, expect, it } from "vitest";
import { CappedOutput, createDemuxer } from "../../lib/sandbox/output";

const frame = (type: 1 | 2, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe("CappedOutput", () => {
  it("keeps everything under the cap", () => {
    const out = new CappedOutput(10, 10);
    out.push(Buffer.from("hello "));
    out.push(Buffer.from("world"));
    expect(out.result()).toEqual({ text: "hello world", totalBytes: 11, droppedBytes: 0, truncated: false });
  });

  it("keeps the head and the tail and counts what it dropped", () => {
    const out = new CappedOutput(4, 3);
    for (const part of ["abc", "defgh", "ijk", "lmnopq", "rs"]) out.push(Buffer.from(part));
    const r = out.result();
    expect(r.totalBytes).toBe(19);
    expect(r.droppedBytes).toBe(12);
    expect(r.truncated).toBe(true);
    expect(r.text).toBe("abcd\n[... 12 bytes dropped ...]\nqrs");
  });

  it("handles one chunk larger than head and tail together", () => {
    const out = new CappedOutput(2, 2);
    out.push(Buffer.from("0123456789"));
    expect(out.result().text).toBe("01\n[... 6 bytes dropped ...]\n89");
  });
});

describe("createDemuxer", () => {
  it("separates stdout and stderr frames split at any byte", () => {
    const stream = Buffer.concat([frame(1, "out1"), frame(2, "err1"), frame(1, "out2")]);
    for (let split = 1; split < stream.length; split++) {
      const got: string[] = [];
      const demux = createDemuxer((s, d) => got.push(`${s}:${d}`));
      demux(stream.subarray(0, split));
      demux(stream.subarray(split));
      expect(got.join("").replace(/(stdout|stderr):/g, (m) => `|${m}`)).toBe(
        got.map((g) => `|${g}`).join(""),
      );
      const joined = (name: string) => got.filter((g) => g.startsWith(name)).map((g) => g.slice(name.length + 1)).join("");
      expect(joined("stdout")).toBe("out1out2");
      expect(joined("stderr")).toBe("err1");
    }
  });
});
