import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { chunksOf } from '../chunks.ts';
import { written } from '../node-writable.ts';
import { fail, serving, type ServerOptions } from '../harness.ts';

async function readWrite(options: ServerOptions): Promise<void> {
  for await (const chunk of chunksOf(options.file, options.chunk)) await written(process.stdout, chunk);
}

// stdout must stay open for the next transfer: pipeline would end it.
async function stream(options: ServerOptions): Promise<void> {
  await pipeline(createReadStream(options.file), process.stdout, { end: false });
}

export function serve(options: ServerOptions): void {
  const methods: Record<string, (options: ServerOptions) => Promise<void>> = { 'read-write': readWrite, stream };
  const run = methods[options.method] ?? fail(`node has no method ${options.method} in this lab`);
  serving(null, options, () => run(options));
}
