import { fail, serving, type ServerOptions } from '../harness.ts';

async function readWrite(options: ServerOptions): Promise<void> {
  using input = await Deno.open(options.file);
  using out = await Deno.open(options.out, { write: true, create: true, truncate: true });
  const buffer = new Uint8Array(options.chunk);
  for (;;) {
    const bytesRead = await input.read(buffer);
    if (bytesRead === null) break;
    for (let written = 0; written < bytesRead;) written += await out.write(buffer.subarray(written, bytesRead));
  }
}

// ext/fs std_fs.rs copy_file -> Rust std::fs::copy: copy_file_range, then sendfile, then a
// read/write loop (std::fs::copy on Linux: the standard library's kernel_copy module).
async function copy(options: ServerOptions): Promise<void> {
  await Deno.copyFile(options.file, options.out);
}

export function serve(options: ServerOptions): void {
  const methods: Record<string, (options: ServerOptions) => Promise<void>> = { 'read-write': readWrite, 'copy-file': copy };
  const run = methods[options.method] ?? fail(`deno has no method ${options.method} in this lab`);
  serving(null, options, () => run(options));
}
