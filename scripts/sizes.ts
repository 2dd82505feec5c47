// Byte sizes as readers write them (64MiB, 512KiB, 1GiB, 4096) and as the report prints them.

const units: Record<string, number> = { B: 1, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** Parses "64MiB" into bytes; returns an error message (not a throw) for anything else. */
export function parseSize(text: string): number | { error: string } {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match?.[2]?.toUpperCase() || 'B';
  const scale = units[unit];
  if (!match || scale === undefined) {
    return { error: `"${text}" is not a size: write a number with B, KiB, MiB or GiB, e.g. 64MiB` };
  }
  const bytes = Math.round(Number(match[1]) * scale);
  if (bytes <= 0) return { error: `size must be more than 0 bytes, got "${text}"` };
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0';
  const [unit, scale] = bytes >= 1024 ** 3 ? ['GiB', 1024 ** 3] : bytes >= 1024 ** 2 ? ['MiB', 1024 ** 2]
    : bytes >= 1024 ? ['KiB', 1024] : ['B', 1];
  const value = bytes / scale;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}
