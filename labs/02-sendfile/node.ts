import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { chunksOf } from '../chunks.ts';
import { written } from '../node-writable.ts';
import { fail, loopback, serving, transferFailed, type ServerOptions } from '../harness.ts';

// The baseline: read() into one buffer, write() it to the response, and only then read the next.
export async function readWrite(response: http.ServerResponse, options: ServerOptions): Promise<void> {
  for await (const chunk of chunksOf(options.file, options.chunk)) await written(response, chunk);
  await new Promise<void>((resolve) => response.end(resolve));
}

// Node's best public API for a file response: there is no sendfile, so a read stream piped in.
export async function stream(response: http.ServerResponse, options: ServerOptions): Promise<void> {
  await pipeline(createReadStream(options.file), response);
}

export async function serve(options: ServerOptions): Promise<void> {
  const send = options.method === 'read-write' ? readWrite : options.method === 'stream' ? stream : null;
  if (!send) fail(`node has no method ${options.method} in lab 02`);
  const { size } = await stat(options.file);
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    send(response, options).catch(transferFailed);
  });
  server.listen(0, loopback, () => serving((server.address() as AddressInfo).port, options));
}
