import { fail, loopback, serving, type ServerOptions } from '../harness.ts';
import { fetchRequest, openLog, type Log, type Range } from './log.ts';

// Deno has no sendfile: the range is read into fresh buffers (a stream keeps each chunk) and sent.
function readWrite(log: Log, range: Range, chunk: number): ReadableStream<Uint8Array> {
  let file: Deno.FsFile | null = null;
  let done = 0;
  return new ReadableStream({
    async pull(controller) {
      file ??= await Deno.open(log.segment);
      if (done === 0) await file.seek(range.position, Deno.SeekMode.Start);
      const buffer = new Uint8Array(Math.min(chunk, range.size - done));
      const bytesRead = await file.read(buffer);
      if (!bytesRead) throw new Error('segment shorter than its index');
      controller.enqueue(buffer.subarray(0, bytesRead));
      done += bytesRead;
      if (done >= range.size) { file.close(); controller.close(); }
    },
    cancel() { file?.close(); },
  });
}

export async function serve(options: ServerOptions): Promise<void> {
  if (options.method !== 'read-write') fail(`deno has no method ${options.method} in this lab`);
  const log = await openLog(options.out);
  const server = Deno.serve({ hostname: loopback, port: 0, onListen() {} }, async (request) => {
    if (request.method === 'POST') return Response.json({ offset: await log.append(new Uint8Array(await request.arrayBuffer())) });
    const { offset, maxBytes } = fetchRequest(request.url);
    const range = log.range(offset, maxBytes);
    const headers = { 'content-length': String(range?.size ?? 0), 'x-next-offset': String(range?.next ?? offset) };
    return new Response(range ? readWrite(log, range, options.chunk) : null, { headers });
  });
  serving(server.addr.port, options);
}
