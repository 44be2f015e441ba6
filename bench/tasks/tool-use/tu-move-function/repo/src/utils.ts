export function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
