// Node keeps a reference to a chunk it could not hand to the kernel at once, so a reused buffer
// may only be refilled after the write callback: resolve then.
import type { Writable } from 'node:stream';

export function written(stream: Writable, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve())));
}
