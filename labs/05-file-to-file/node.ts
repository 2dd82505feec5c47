import { copyFile, open } from 'node:fs/promises';
import { chunksOf } from '../chunks.ts';
import { fail, serving, type ServerOptions } from '../harness.ts';

export async function readWrite(options: ServerOptions): Promise<void> {
  const out = await open(options.out, 'w');
  try {
    for await (const chunk of chunksOf(options.file, options.chunk)) {
      for (let written = 0; written < chunk.length;) written += (await out.write(chunk, written)).bytesWritten;
    }
  } finally {
    await out.close();
  }
}

// libuv's uv_fs_copyfile: copy_file_range, then sendfile, then read/write (libuv src/unix/fs.c uv__fs_copyfile).
async function copy(options: ServerOptions): Promise<void> {
  await copyFile(options.file, options.out);
}

export function serve(options: ServerOptions): void {
  const methods: Record<string, (options: ServerOptions) => Promise<void>> = { 'read-write': readWrite, 'copy-file': copy };
  const run = methods[options.method] ?? fail(`node has no method ${options.method} in this lab`);
  serving(null, options, () => run(options));
}
