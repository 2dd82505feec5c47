import { createReadStream } from 'node:fs';
import net from 'node:net';
import { pipeline } from 'node:stream/promises';
import { chunksOf } from '../chunks.ts';
import { written } from '../node-writable.ts';
import { fail, loopback, serving, transferFailed, type ServerOptions } from '../harness.ts';

// read() a chunk into one buffer, write() it to the socket, and only then read the next.
async function readWrite(socket: net.Socket, options: ServerOptions): Promise<void> {
  for await (const chunk of chunksOf(options.file, options.chunk)) await written(socket, chunk);
  await new Promise<void>((resolve) => socket.end(resolve));
}

async function stream(socket: net.Socket, options: ServerOptions): Promise<void> {
  await pipeline(createReadStream(options.file), socket);
}

export function serve(options: ServerOptions): void {
  const send = options.method === 'read-write' ? readWrite : options.method === 'stream' ? stream : null;
  if (!send) fail(`node has no method ${options.method} in this lab`);
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    send(socket, options).catch(transferFailed);
  });
  server.listen(0, loopback, () => {
    serving((server.address() as net.AddressInfo).port, options);
  });
}
