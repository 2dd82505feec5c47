// The broker's log, as Kafka keeps it (docs/design "Persistence"): one append-only segment file
// that is never rewritten, and an offset index beside it. A record batch is appended exactly as
// the producer sent it — the broker never parses it — and offset N is the N-th batch. Each index
// entry is Kafka's 8 bytes: the batch's offset relative to the segment's base (u32) and its byte
// position in the segment (u32). A restarted broker reads the small index, never the segment.
// Only node:fs/promises, so Node, Bun and Deno share it.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export interface Range { position: number; size: number; next: number }

export interface Log {
  segment: string;
  /** Appends one batch; resolves with its offset once it is in the page cache. */
  append(batch: Uint8Array): Promise<number>;
  /** Whole batches from `offset`, at most `maxBytes` unless the first batch alone is bigger. */
  range(offset: number, maxBytes: number): Range | null;
  batches(): number;
}

export async function openLog(dir: string): Promise<Log> {
  const segment = join(dir, '00000000000000000000.log');
  const indexPath = join(dir, '00000000000000000000.index');
  const positions: number[] = [];
  let end = 0;
  try {
    const index = await readFile(indexPath);
    for (let at = 0; at + 8 <= index.length; at += 8) positions.push(index.readUInt32BE(at + 4));
    const segmentFile = await open(segment);
    end = (await segmentFile.stat()).size;
    await segmentFile.close();
  } catch {
    // No log yet: this broker starts empty.
  }
  const log: FileHandle = await open(segment, 'a');
  const index: FileHandle = await open(indexPath, 'a');
  // Where batch `offset` starts; one past the last batch, the end of the segment.
  const start = (offset: number) => positions[offset] ?? end;
  return {
    segment,
    async append(batch) {
      const offset = positions.length;
      const entry = new Uint8Array(8);
      new DataView(entry.buffer).setUint32(0, offset);
      new DataView(entry.buffer).setUint32(4, end);
      for (let written = 0; written < batch.length;) written += (await log.write(batch, written)).bytesWritten;
      await index.write(entry);
      positions.push(end);
      end += batch.length;
      return offset;
    },
    range(offset, maxBytes) {
      if (offset >= positions.length) return null;
      let next = offset + 1;
      while (next < positions.length && start(next + 1) - start(offset) <= maxBytes) next += 1;
      return { position: start(offset), size: start(next) - start(offset), next };
    },
    batches: () => positions.length,
  };
}

/** The fetch request: /fetch?offset=N&maxBytes=M. */
export function fetchRequest(url: string): { offset: number; maxBytes: number } {
  const query = new URL(url, 'http://broker').searchParams;
  return { offset: Number(query.get('offset') ?? 0), maxBytes: Number(query.get('maxBytes') ?? 1 << 20) };
}
