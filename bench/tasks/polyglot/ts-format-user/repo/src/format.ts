import type { User } from "./types.ts";

export function formatUser(u: User): string {
  return `${u.first} ${u.last}`;
}
