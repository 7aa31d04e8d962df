/** One voice for the local tooling: short lines, a fixed prefix, nothing clever. */

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

export const bold = paint(1);
export const dim = paint(2);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);
export const cyan = paint(36);

export function say(message: string): void {
  console.log(`${cyan("▸")} ${message}`);
}

export function warn(message: string): void {
  console.warn(`${yellow("!")} ${message}`);
}

export function fail(message: string): void {
  console.error(`${red("✗")} ${message}`);
}

export function elapsed(startMs: number): string {
  return `${((performance.now() - startMs) / 1000).toFixed(1)} s`;
}

/** An error's message with its causes ("Failed query …: connect ECONNREFUSED …"). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current !== undefined && parts.length < 5; ) {
    if (current instanceof Error) {
      parts.push(current.message.trim());
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.filter(Boolean).join(": ");
}
