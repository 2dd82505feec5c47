import type { Socket } from 'bun';
import { readWrite, serve as serveTcp, writeAll, type Connection } from '../01-traditional/bun.ts';
import type { ServerOptions } from '../harness.ts';

// mmap + write: Bun.mmap maps the file (MAP_SHARED) and returns a Uint8Array over the mapping
// without copying it (BunObject.zig mmapFile). Writing that array to the socket is the only CPU
// copy: page cache -> socket buffer. The first touch of each page is a minor page fault instead.
// A fresh mapping per connection, as a server that maps each request's file would do; Bun unmaps
// it when the array is garbage-collected.
async function mmapWrite(socket: Socket<Connection>, options: ServerOptions): Promise<void> {
  const mapping = Bun.mmap(options.file, { shared: true });
  await writeAll(socket, mapping);
  socket.end();
}

export function serve(options: ServerOptions): void {
  serveTcp(options, { 'read-write': readWrite, 'mmap-write': mmapWrite });
}
