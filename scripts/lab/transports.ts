// What each protocol does, in one table: where the server writes, which client reads and with what
// arguments, who paces the transfers, how a copy is verified, which fds the ledger counts and
// which column of the report shows the bytes going out. Adding a protocol is one entry here.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { sharedExtents } from './extents.ts';
import type { FetchRequest } from './client-protocol.ts';
import type { Direction, LabFds } from './ledger.ts';
import { capture } from './processes.ts';
import type { DataFile } from './session.ts';
import type { Lab } from '../catalogue.ts';
import type { Command, MethodName, Protocol, RuntimeAdapter } from '../../runtime-adapters/types.ts';

/** What a transport needs to know of the run it prepares. */
export interface TransferPlan {
  lab: Lab;
  adapter: RuntimeAdapter;
  method: MethodName;
  data: DataFile;
  chunk: number;
  /** Where a file, pipe or log lab writes: the session's work dir, or another file system. */
  outDir: string;
}

export interface Prepared {
  /** Arguments the server gets besides --method, --file, --chunk and --transfers. */
  serverArgs: string[];
  /** Paths the server reads and writes (Deno's --allow-read and --allow-write). */
  readPaths: string[];
  writePaths: string[];
  /** Changes how the server is started (the pipe lab points its stdout into the FIFO). */
  wrap?(command: Command): Command;
  /** A FIFO the client opens before the server starts: the shell's open of it waits for its reader. */
  openPipe?: string;
  /** What the client fetches in one transfer, once the server is listening on `port`; absent: no client (file to file). */
  fetch?(port: number | null): FetchRequest;
  /** The copy the server made, hashed the way the client hashes: for a lab without a client. */
  readCopy?(): Promise<{ bytes: number; sha256: string }>;
  /** Whether the copy shares its extents with the source (a reflink); null where that cannot be. */
  sharedExtents?(): Promise<boolean | null>;
  /** The fds the ledger counts, once the server's port is known. */
  fds(port: number | null): LabFds;
  /** Bytes that reach readers in one transfer (lab 07 serves every byte to each consumer). */
  delivered: number;
  /** The client's time limit for one transfer is this many times the server's. */
  clientTimeScale: number;
}

export interface Transport {
  /** The user→kernel direction the report shows beside file→user, and its title. */
  sink: { direction: Direction; title: string };
  /** The server talks to the runner on stderr: its stdout carries the data (a pipe lab). */
  linesFrom: 'stdout' | 'stderr';
  /** The server runs one transfer per "go" line and says when it is done (file and pipe labs);
   *  otherwise the client paces the transfers, unless the server's ready line asks for "go". */
  goPaced: boolean;
  prepare(plan: TransferPlan): Promise<Prepared>;
}

/** Hashes a finished copy the way the client hashes what it receives: outside the copy's clock. */
async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) { bytes += (chunk as Buffer).length; hash.update(chunk as Buffer); }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * A self-signed certificate for 127.0.0.1 (lab 08's HTTPS method), made once per work dir with the
 * openssl command line; the client trusts exactly this certificate.
 */
async function certificate(dir: string): Promise<string> {
  const tls = join(dir, 'tls');
  if (existsSync(join(tls, 'cert.pem'))) return tls;
  mkdirSync(tls, { recursive: true });
  const made = await capture('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(tls, 'key.pem'), '-out', join(tls, 'cert.pem')]).catch(() => null);
  if (!made || made.code !== 0) throw new Error(`the HTTPS method needs a certificate, made with the openssl command, which failed or is missing (${made?.stderr.trim().split('\n')[0] ?? 'not found'}): install openssl`);
  return tls;
}

/** Lab 08 changes the bytes on the way; the client undoes it before checking the SHA-256. */
const undo: Partial<Record<MethodName, 'xor' | 'gzip'>> = { transform: 'xor', gzip: 'gzip' };

/** Lab 07's consumers fetch at most this much per request: the default of a Kafka consumer's max.partition.fetch.bytes. */
const fetchBytes = 2 ** 20;

/** The data file is read by every lab; the server's own code too (Deno asks for both). */
const reads = (plan: TransferPlan, labsDir: string) => [labsDir, plan.data.path];
const labsDir = realpathSync(new URL('../../labs/', import.meta.url));
const sourceOf = (plan: TransferPlan) => realpathSync(plan.data.path);

const toSocket = { direction: 'userToSocket', title: 'user→socket' } as const;

export const transports: Record<Protocol, Transport> = {
  tcp: {
    sink: toSocket, linesFrom: 'stdout', goPaced: false,
    async prepare(plan) {
      return {
        serverArgs: [], readPaths: reads(plan, labsDir), writePaths: [], delivered: plan.data.bytes, clientTimeScale: 1,
        fetch: (port) => ({ protocol: 'tcp', port: port ?? 0 }),
        fds: (port) => ({ files: [sourceOf(plan)], port: port ?? undefined }),
      };
    },
  },
  http: {
    sink: toSocket, linesFrom: 'stdout', goPaced: false,
    async prepare(plan) {
      const tls = plan.method === 'tls' ? await certificate(plan.outDir) : null;
      return {
        serverArgs: tls ? ['--tls', tls] : [], readPaths: [...reads(plan, labsDir), ...(tls ? [tls] : [])], writePaths: [],
        delivered: plan.data.bytes, clientTimeScale: 1,
        fetch: (port) => ({ protocol: 'http', port: port ?? 0, ...(undo[plan.method] ? { undo: undo[plan.method] } : {}), ...(tls ? { tls: join(tls, 'cert.pem') } : {}) }),
        fds: (port) => ({ files: [sourceOf(plan)], port: port ?? undefined }),
      };
    },
  },
  /**
   * A pipe lab's server writes the file to its own stdout, which the shell points at a named pipe
   * the client reads: so Bun can see a pipe on fd 1 (Bun.write(Bun.stdout, …)), as it would when a
   * reader runs `bun x.ts | consumer`. The server then talks to the runner on stderr.
   */
  pipe: {
    sink: { direction: 'userToPipe', title: 'user→pipe' }, linesFrom: 'stderr', goPaced: true,
    async prepare(plan) {
      const fifo = join(plan.outDir, `pipe-${plan.adapter.name}-${plan.method}`);
      if (!existsSync(fifo)) {
        const made = await capture('mkfifo', [fifo]);
        if (made.code !== 0) throw new Error(`mkfifo ${fifo} failed: ${made.stderr.trim()}`);
      }
      return {
        serverArgs: ['--out', '-'], readPaths: reads(plan, labsDir), writePaths: [], delivered: plan.data.bytes, clientTimeScale: 1,
        wrap: (command) => ({ file: '/bin/sh', args: ['-c', 'exec "$@" > "$WORKBOOK_FIFO"', 'sh', command.file, ...command.args], env: { ...command.env, WORKBOOK_FIFO: fifo } }),
        openPipe: fifo,
        fetch: () => ({ protocol: 'pipe', bytes: plan.data.bytes }),
        fds: () => ({ files: [sourceOf(plan)], pipes: [realpathSync(fifo)] }),
      };
    },
  },
  file: {
    sink: { direction: 'userToFile', title: 'user→file' }, linesFrom: 'stdout', goPaced: true,
    async prepare(plan) {
      const out = join(plan.outDir, `copy-${plan.adapter.name}-${plan.method}.bin`);
      return {
        serverArgs: ['--out', out], readPaths: reads(plan, labsDir), writePaths: [out], delivered: plan.data.bytes, clientTimeScale: 1,
        readCopy: () => hashFile(out),
        sharedExtents: () => sharedExtents(out),
        fds: () => ({ files: [sourceOf(plan), realpathSync(out)] }),
      };
    },
  },
  /** A log broker: filled by the first server's producer, then served by every pass to `consumers` at once. */
  log: {
    sink: toSocket, linesFrom: 'stdout', goPaced: false,
    async prepare(plan) {
      const dir = join(plan.outDir, `log-${plan.adapter.name}-${plan.method}-${plan.chunk}`);
      mkdirSync(dir, { recursive: true });
      const segment = join(dir, '00000000000000000000.log');
      const produce = !existsSync(segment);
      let produced = false;
      const consumers = plan.lab.consumers ?? 1;
      return {
        serverArgs: ['--out', dir], readPaths: reads(plan, labsDir), writePaths: [dir], delivered: plan.data.bytes * consumers,
        // The consumers share the client's clock, and the first transfer also produces the log.
        clientTimeScale: consumers + (produce ? 1 : 0),
        // The first transfer of a server that found no log produces it; every later one only consumes.
        fetch: (port) => {
          const first = !produced;
          produced = true;
          return { protocol: 'log', port: port ?? 0, consumers, fetchBytes, ...(produce && first ? { produce: { path: plan.data.path, batch: plan.chunk } } : {}) };
        },
        // A broker serves its segment, not the data file it was produced from.
        fds: (port) => ({ files: [realpathSync(segment)], port: port ?? undefined }),
      };
    },
  },
};
