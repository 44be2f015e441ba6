/** Binary detection and a one-line description (size, type guess from magic bytes or the extension). */
import * as path from "node:path";

const MAGIC: ReadonlyArray<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], "PNG image"],
  [[0xff, 0xd8, 0xff], "JPEG image"],
  [[0x47, 0x49, 0x46, 0x38], "GIF image"],
  [[0x25, 0x50, 0x44, 0x46], "PDF document"],
  [[0x50, 0x4b, 0x03, 0x04], "ZIP archive (or jar/docx/xlsx)"],
  [[0x1f, 0x8b], "gzip archive"],
  [[0x7f, 0x45, 0x4c, 0x46], "ELF executable or library"],
  [[0x00, 0x61, 0x73, 0x6d], "WebAssembly module"],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], "SQLite database"],
  [[0xca, 0xfe, 0xba, 0xbe], "Java class or Mach-O fat binary"],
  [[0x42, 0x5a, 0x68], "bzip2 archive"],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], "xz archive"],
  [[0x52, 0x49, 0x46, 0x46], "RIFF media (WAV/AVI/WebP)"],
  [[0x00, 0x00, 0x01, 0x00], "ICO image"],
];

/** True when the first 8 KiB hold a NUL byte or mostly non-text bytes. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) odd++;
  }
  return n > 0 && odd / n > 0.1;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function guessBinaryType(buf: Uint8Array, filePath: string): string {
  for (const [magic, name] of MAGIC) {
    if (magic.every((b, i) => buf[i] === b)) return name;
  }
  const ext = path.extname(filePath).slice(1).toLowerCase();
  return ext ? `binary data (.${ext})` : "binary data";
}

export function describeBinary(buf: Uint8Array, filePath: string, size: number): string {
  return `${filePath}: ${guessBinaryType(buf, filePath)}, ${formatSize(size)}. Binary file: not shown as text.`;
}
