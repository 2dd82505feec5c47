import { open } from 'node:fs/promises';
import { fail, loopback, serving, type ServerOptions } from '../harness.ts';
import { fetchRequest, openLog, type Log, type Range } from './log.ts';

// The baseline: pread() into one reused buffer, written through a direct stream (as in lab 02).
function readWrite(log: Log, range: Range, chunk: number): ReadableStream {
  return new ReadableStream({
    type: 'direct',
    async pull(controller) {
      const segment = await open(log.segment);
      const buffer = new Uint8Array(Math.min(chunk, range.size));
      for (let done = 0; done < range.size;) {
        const { bytesRead } = await segment.read(buffer, 0, Math.min(buffer.length, range.size - done), range.position + done);
        controller.write(buffer.subarray(0, bytesRead));
        await controller.flush();
        done += bytesRead;
      }
      await segment.close();
      controller.close();
    },
  });
}

// Kafka's transferTo: a slice of the segment as the body. Bun sends a Bun.file slice with
// sendfile(2) and an offset, like FileChannel.transferTo(position, count, socket) — for ranges of
// at least 1 MiB (FileResponseStream.zig); smaller ones it reads and sends.
function sendfile(log: Log, range: Range): Blob {
  return Bun.file(log.segment).slice(range.position, range.position + range.size);
}

export async function serve(options: ServerOptions): Promise<void> {
  if (options.method !== 'read-write' && options.method !== 'sendfile') fail(`bun has no method ${options.method} in this lab`);
  const log = await openLog(options.out);
  const server = Bun.serve({
    hostname: loopback,
    port: 0,
    async fetch(request) {
      if (request.method === 'POST') return Response.json({ offset: await log.append(new Uint8Array(await request.arrayBuffer())) });
      const { offset, maxBytes } = fetchRequest(request.url);
      const range = log.range(offset, maxBytes);
      const headers = { 'content-length': String(range?.size ?? 0), 'x-next-offset': String(range?.next ?? offset) };
      if (!range) return new Response(null, { headers });
      return new Response(options.method === 'sendfile' ? sendfile(log, range) : readWrite(log, range, options.chunk), { headers });
    },
  });
  serving(server.port ?? 0, options);
}
