// Node.js, running TypeScript through tsx's loader in the same process (not the tsx CLI, which
// would add a parent process to every trace). A lab's runner first bundles the server with esbuild
// (the compiler tsx itself runs): Node then starts it in about 0.15 s instead of 0.45 s through
// tsx's loader thread (measured on the project's 2-core machine), which every Node row of every
// lab pays. The code that runs is the same; only when it is compiled changes.
import { basename, join } from 'node:path';
import { nodeExecutable } from './bin.ts';
import type { RuntimeAdapter } from './types.ts';

const tsxLoader = import.meta.resolve('tsx');

export const node: RuntimeAdapter = {
  name: 'node',
  executable: nodeExecutable,
  versionArgs: ['--version'],
  command(entry, args) {
    return { file: nodeExecutable, args: [...(entry.endsWith('.ts') ? ['--import', tsxLoader] : []), entry, ...args] };
  },
  async bundle(entry, outDir) {
    const { build } = await import('esbuild');
    const outfile = join(outDir, basename(entry).replace(/\.ts$/, '.mjs'));
    // koffi is a native addon: the bundle (in a temporary folder) imports it by its absolute URL in
    // this project's node_modules. The Deno and Bun branches of a lab are bundled too, but never run in Node.
    const koffi = { name: 'koffi-in-node-modules', setup(plugin: { onResolve(options: { filter: RegExp }, callback: () => { path: string; external: boolean }): void }) {
      plugin.onResolve({ filter: /^koffi$/ }, () => ({ path: import.meta.resolve('koffi'), external: true }));
    } };
    // bun:ffi (lab 09's Bun branch) is no module Node can load, and an external import of it would
    // be hoisted to the top of the bundle: an empty stand-in keeps it inside the Bun branch, whose
    // code is bundled lazily and never evaluated in Node.
    const bunModules = { name: 'bun-modules-stand-in', setup(plugin: {
      onResolve(options: { filter: RegExp }, callback: (args: { path: string }) => { path: string; namespace: string }): void;
      onLoad(options: { filter: RegExp; namespace: string }, callback: () => { contents: string; loader: 'js' }): void;
    }) {
      plugin.onResolve({ filter: /^bun:/ }, (args) => ({ path: args.path, namespace: 'bun-stand-in' }));
      plugin.onLoad({ filter: /.*/, namespace: 'bun-stand-in' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    } };
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['bun'], plugins: [koffi, bunModules], logLevel: 'silent' });
    return outfile;
  },
  methods: {
    'read-write': {
      available: true,
      api: {
        tcp: 'fsPromises FileHandle.read() into one reused Buffer, net.Socket.write() (waits for the write callback before reusing it)',
        http: 'FileHandle.read() into one reused Buffer, http.ServerResponse.write() (waits for the write callback)',
        pipe: 'FileHandle.read() into one reused Buffer, process.stdout.write() (waits for the write callback)',
        file: 'FileHandle.read() into one reused Buffer, FileHandle.write() to the copy',
        log: 'a node:http broker: FileHandle.read() of the fetched range at its position into one reused Buffer, response.write()',
      },
      expectedSyscalls: { tcp: ['read', 'write'], http: ['read', 'write'], pipe: ['read', 'write'], file: ['read', 'write'], log: ['pread64', 'write'] },
    },
    stream: {
      available: true,
      api: {
        tcp: 'stream.pipeline(fs.createReadStream(file), socket)',
        http: 'stream.pipeline(fs.createReadStream(file), response)',
        pipe: 'stream.pipeline(fs.createReadStream(file), process.stdout, { end: false })',
      },
      expectedSyscalls: { tcp: ['read', 'write'], http: ['read', 'write'], pipe: ['read', 'write'] },
    },
    sendfile: {
      available: false,
      reason: 'Node has no public sendfile or splice API (nodejs/node#41393, PR #47970 closed); its http2 respondWithFile reads 64 KiB chunks too',
    },
    'mmap-write': {
      available: false,
      reason: 'Node has no mmap API in core (node:fs has none; only third-party native addons map files)',
    },
    transform: {
      available: true,
      api: { http: 'stream.pipeline(fs.createReadStream(file), a Transform that XORs each byte, response)' },
      expectedSyscalls: { http: ['read', 'write'] },
    },
    gzip: {
      available: true,
      api: { http: 'stream.pipeline(fs.createReadStream(file), zlib.createGzip(), response)' },
      expectedSyscalls: { http: ['read', 'write'] },
    },
    tls: {
      available: true,
      api: { http: 'https.createServer (OpenSSL in user space) with stream.pipeline(fs.createReadStream(file), response)' },
      expectedSyscalls: { http: ['read', 'write'] },
    },
    'copy-file': {
      available: true,
      api: { file: 'fs.promises.copyFile(src, dest) — libuv uv_fs_copyfile: copy_file_range, then sendfile, then read/write' },
      expectedSyscalls: { file: ['copy_file_range'] },
    },
    // Lab 09: the kernel's calls through koffi (npm), on sockets the lab opens itself through FFI (Node has no FFI of its own, and no public API gives a socket's fd).
    'sendfile-ffi': {
      available: true,
      api: { tcp: 'koffi (npm): sendfile(2) from the data file to an accepted socket, asking for all that remains each call (at most 0x7ffff000)' },
      expectedSyscalls: { tcp: ['sendfile'] },
    },
    'splice-ffi': {
      available: true,
      api: { tcp: 'koffi (npm): splice(2) file -> pipe, then pipe -> socket, one chunk per pair of calls (the pipe grown to the chunk with F_SETPIPE_SZ)' },
      expectedSyscalls: { tcp: ['splice'] },
    },
    'msg-zerocopy': {
      available: true,
      api: { tcp: 'koffi (npm): SO_ZEROCOPY, mmap(2) of the file, send(MSG_ZEROCOPY) per chunk, completions from recvmsg(MSG_ERRQUEUE)' },
      expectedSyscalls: { tcp: ['mmap', 'sendto', 'recvmsg'] },
    },
    'io-uring-send-zc': {
      available: true,
      api: { tcp: 'koffi (npm): io_uring_setup and io_uring_enter through syscall(2), IORING_OP_SEND_ZC SQEs written by the lab from an mmap(2) of the file, with IORING_SEND_ZC_REPORT_USAGE' },
      expectedSyscalls: { tcp: ['mmap', 'io_uring_enter'] },
    },
  },
};

