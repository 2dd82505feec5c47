// Lab 09's FFI methods by name. Each checks, before the server says "ready", that this kernel has
// what it needs (the answer is the method, ready to run, or the reason it cannot), and then sends
// the whole file over one accepted connection per transfer, returning what it counted itself.
import type { TransferReport } from '../protocol.ts';
import type { ServerOptions } from '../harness.ts';
import type { Libc } from './kernel/types.ts';
import { closeFile, openFile, type DataFile } from './file.ts';
import { sendWholeFile } from './sendfile.ts';
import { spliceWholeFile } from './splice.ts';
import { uringSender } from './uring.ts';
import { probeZeroCopy, sendZeroCopy } from './zerocopy.ts';

export interface ReadyMethod {
  transfer(socket: number, options: ServerOptions): TransferReport | undefined;
}

export type Preparation = ReadyMethod | { unavailable: string };

/** The data file is opened per transfer, as every lab's read-write opens it per transfer. */
function withFile<T>(libc: Libc, path: string, send: (file: DataFile) => T): T {
  const file = openFile(libc, path);
  try {
    return send(file);
  } finally {
    closeFile(libc, file);
  }
}

export const ffiMethods: Record<string, (libc: Libc) => Preparation> = {
  'sendfile-ffi': (libc) => ({
    transfer: (socket, options) => withFile(libc, options.file, (file) => { sendWholeFile(libc, socket, file); return undefined; }),
  }),
  'splice-ffi': (libc) => ({
    transfer: (socket, options) => withFile(libc, options.file, (file) => { spliceWholeFile(libc, socket, file, options.chunk); return undefined; }),
  }),
  'msg-zerocopy': (libc) => {
    const missing = probeZeroCopy(libc);
    if (missing) return { unavailable: missing };
    return { transfer: (socket, options) => withFile(libc, options.file, (file) => ({ zerocopy: sendZeroCopy(libc, socket, file, options.chunk) })) };
  },
  'io-uring-send-zc': (libc) => {
    const sender = uringSender(libc);
    if ('unavailable' in sender) return sender;
    return { transfer: (socket, options) => withFile(libc, options.file, (file) => sender.send(socket, file, options.chunk)) };
  },
};
