import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { open } from 'node:fs/promises';
import { written } from '../node-writable.ts';
import { fail, loopback, serving, transferFailed, type ServerOptions } from '../harness.ts';
import { fetchRequest, openLog, type Log, type Range } from './log.ts';

// pread() each chunk of the range into one reused buffer and write it to the response.
async function readWrite(log: Log, range: Range, response: http.ServerResponse, chunk: number): Promise<void> {
  const segment = await open(log.segment);
  try {
    const buffer = Buffer.allocUnsafe(Math.min(chunk, range.size));
    for (let done = 0; done < range.size;) {
      const { bytesRead } = await segment.read(buffer, 0, Math.min(buffer.length, range.size - done), range.position + done);
      if (bytesRead === 0) throw new Error('segment shorter than its index');
      await written(response, buffer.subarray(0, bytesRead));
      done += bytesRead;
    }
  } finally {
    await segment.close();
  }
  response.end();
}

// A batch is appended whole, as one index entry, so its request body is gathered first; the
// fetch path, the one this lab measures, never copies more than its one read buffer.
async function produce(log: Log, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const offset = await log.append(Buffer.concat(parts));
  response.end(JSON.stringify({ offset }));
}

export async function serve(options: ServerOptions): Promise<void> {
  if (options.method !== 'read-write') fail(`node has no method ${options.method} in this lab`);
  const log = await openLog(options.out);
  const server = http.createServer((request, response) => {
    if (request.method === 'POST') { produce(log, request, response).catch(transferFailed); return; }
    const { offset, maxBytes } = fetchRequest(request.url ?? '/');
    const range = log.range(offset, maxBytes);
    response.writeHead(200, { 'content-length': range?.size ?? 0, 'x-next-offset': range?.next ?? offset });
    if (!range) { response.end(); return; }
    readWrite(log, range, response, options.chunk).catch(transferFailed);
  });
  server.listen(0, loopback, () => serving((server.address() as AddressInfo).port, options));
}
