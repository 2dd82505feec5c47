// The read side of every read-write method: one buffer, allocated once, refilled by read() until
// end of file. Each chunk is a view of that same buffer, so the consumer must be done with it
// (written, flushed) before asking for the next one — which a for-await loop guarantees.
import { open } from 'node:fs/promises';

export async function* chunksOf(path: string, bufferSize: number): AsyncGenerator<Uint8Array> {
  const file = await open(path);
  try {
    const buffer = new Uint8Array(bufferSize);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
