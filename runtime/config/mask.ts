/** Showing secrets without revealing them: "sk-…abcd". */

/** A key's recognisable prefix (up to the first dash, when short) and its last four characters; short keys fully hidden. */
export function maskSecret(secret: string): string {
  const s = secret.trim();
  if (s.length < 12) return "••••";
  const prefix = /^[A-Za-z]{2,4}-/.exec(s)?.[0] ?? "";
  return `${prefix}…${s.slice(-4)}`;
}
