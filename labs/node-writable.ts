// Node keeps a reference to a chunk it could not hand to the kernel at once, so a reused buffer
// may only be refilled after the write callback: resolve then. An http.ServerResponse whose client
// has just hung up drops a write without ever calling back (its socket is destroyed before the
// response hears of it), so the response's close settles the write too: else the file read loop
// waits forever and its FileHandle stays open until garbage collection.
import type { Writable } from 'node:stream';

export function written(stream: Writable, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const hungUp = () => reject(new Error('the client hung up'));
    stream.once('close', hungUp);
    stream.write(chunk, (error) => {
      stream.off('close', hungUp);
      if (error) reject(error);
      else resolve();
    });
  });
}
