import type { Socket } from 'bun';
import { chunksOf } from '../chunks.ts';
import { fail, loopback, serving, transferFailed, type ServerOptions } from '../harness.ts';

// Bun's socket.write() does not buffer: it returns how many bytes the kernel took. The rest is
// written after the socket's drain event, and only then is the buffer reused. A client that hangs
// up mid-file never drains: its close event wakes the writer, which stops (and closes the file).
export interface Connection { drained?: () => void; closed?: boolean }

export async function writeAll(socket: Socket<Connection>, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const n = socket.data.closed ? -1 : socket.write(bytes.subarray(written));
    if (n < 0) throw new Error('socket closed by the client');
    written += n;
    if (written < bytes.length) await new Promise<void>((resolve) => { socket.data.drained = resolve; });
  }
}

function wake(socket: Socket<Connection>): void {
  const drained = socket.data.drained;
  socket.data.drained = undefined;
  drained?.();
}

export async function readWrite(socket: Socket<Connection>, options: ServerOptions): Promise<void> {
  for await (const chunk of chunksOf(options.file, options.chunk)) await writeAll(socket, chunk);
  socket.end();
}

async function stream(socket: Socket<Connection>, options: ServerOptions): Promise<void> {
  for await (const chunk of Bun.file(options.file).stream()) await writeAll(socket, chunk);
  socket.end();
}

type Send = (socket: Socket<Connection>, options: ServerOptions) => Promise<void>;

export function serve(options: ServerOptions, methods: Record<string, Send> = { 'read-write': readWrite, stream }): void {
  const send = methods[options.method] ?? fail(`bun has no method ${options.method} in this lab`);
  const listener = Bun.listen<Connection>({
    hostname: loopback,
    port: 0,
    socket: {
      open(socket) {
        socket.data = {};
        send(socket, options).catch(transferFailed);
      },
      drain: wake,
      close(socket) {
        socket.data.closed = true;
        wake(socket);
      },
      data() {},
    },
  });
  serving(listener.port, options);
}
