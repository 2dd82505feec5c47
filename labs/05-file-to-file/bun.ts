import { fail, serving, type ServerOptions } from '../harness.ts';
// Bun runs node:fs/promises natively: the same reused-buffer loop as Node's is Bun's baseline too.
import { readWrite } from './node.ts';

// Bun's copy_file.zig: copy_file_range for regular files, falling back to read/write on
// ENOSYS, EXDEV, EOPNOTSUPP or EINVAL (oven-sh/bun src/copy_file.zig). It runs off the main thread.
async function copy(options: ServerOptions): Promise<void> {
  await Bun.write(Bun.file(options.out), Bun.file(options.file));
}

export function serve(options: ServerOptions): void {
  const methods: Record<string, (options: ServerOptions) => Promise<void>> = { 'read-write': readWrite, 'copy-file': copy };
  const run = methods[options.method] ?? fail(`bun has no method ${options.method} in this lab`);
  serving(null, options, () => run(options));
}
