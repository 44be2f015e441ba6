/** Capping command output for the model: head and tail kept, the middle replaced by a line saying what was cut. */
import { promises as fsp } from "node:fs";

export interface CappedOutput {
  text: string;
  truncated: boolean;
  totalBytes: number;
}

/** Reads `file`, keeping at most `cap` characters: 40% from the head, 60% from the tail. Reads only what it keeps. */
export async function readCapped(file: string, cap: number, savedAs?: string): Promise<CappedOutput> {
  const handle = await fsp.open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size <= cap) {
      const buf = Buffer.alloc(size);
      await handle.read(buf, 0, size, 0);
      return { text: buf.toString("utf8"), truncated: false, totalBytes: size };
    }
    const headLen = Math.floor(cap * 0.4);
    const tailLen = cap - headLen;
    const head = Buffer.alloc(headLen);
    const tail = Buffer.alloc(tailLen);
    await handle.read(head, 0, headLen, 0);
    await handle.read(tail, 0, tailLen, size - tailLen);
    const headText = head.toString("utf8").replace(/\uFFFD$/, "");
    const tailText = tail.toString("utf8").replace(/^\uFFFD/, "");
    const where = savedAs
      ? ` Full output (${size} bytes) saved to ${savedAs}; read ranges of it with read_file or grep.`
      : "";
    const marker = `\n[… ${size - headLen - tailLen} bytes of output cut from the middle.${where}]\n`;
    return { text: headText + marker + tailText, truncated: true, totalBytes: size };
  } finally {
    await handle.close();
  }
}
