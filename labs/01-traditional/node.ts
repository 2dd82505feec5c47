import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import net from 'node:net';
import { pipeline } from 'node:stream/promises';
import { fail, loopback, serving, transferFailed, type ServerOptions } from '../harness.ts';

// read() a chunk into one Buffer, write() it to the socket. Node may keep a reference to a
// buffer it could not send at once, so the next read waits for the write callback.
async function readWrite(socket: net.Socket, options: ServerOptions): Promise<void> {
  const file = await open(options.file);
  try {
    const buffer = Buffer.allocUnsafe(options.chunk);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      await new Promise<void>((resolve, reject) =>
        socket.write(buffer.subarray(0, bytesRead), (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    await file.close();
  }
  await new Promise<void>((resolve) => socket.end(resolve));
}

async function stream(socket: net.Socket, options: ServerOptions): Promise<void> {
  await pipeline(createReadStream(options.file), socket);
}

export function serve(options: ServerOptions): void {
  const send = options.method === 'read-write' ? readWrite : options.method === 'stream' ? stream : null;
  if (!send) fail(`node has no method ${options.method} in lab 01`);
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    send(socket, options).catch(transferFailed);
  });
  server.listen(0, loopback, () => {
    serving((server.address() as net.AddressInfo).port, options);
  });
}
