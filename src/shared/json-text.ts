/** The JSON text every file uar-check writes: 2-space indent, a trailing newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
