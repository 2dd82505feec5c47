// The single source of what the workbook contains (rustlings' info.toml): every CLI verb reads
// chapters and labs from here, and test/catalogue.test.ts checks it against the tree.
import { didYouMean, UsageError } from './args.ts';
import type { MethodName, Protocol } from '../runtime-adapters/types.ts';

export interface Lab {
  id: string;
  /** Folder under labs/, and the stem of the chapter and answer sheet. */
  slug: string;
  title: string;
  protocol: Protocol;
  /** In the order the report shows them; the baseline for ratios is `read-write`. */
  methods: MethodName[];
  /** Buffer sizes the read-write method is run with, one row each (lab 04); else the --chunk flag. */
  chunks?: number[];
  /** A swept row sends at most this many buffers' worth unless --size is given: same physics, less waiting. */
  sweepChunks?: number;
  /** The most a slow method's row sends unless --size is given: its cost per byte does not depend on the size. */
  methodBytes?: Partial<Record<MethodName, number>>;
  /** Copy-file also runs onto a second file system (tmpfs), where copy_file_range gives EXDEV (lab 05). */
  otherFileSystem?: boolean;
  /** Consumers that read the whole log at once in each transfer (lab 07); the buffer is the batch size. */
  consumers?: number;
  /** The server calls libc through FFI (lab 09): the runner tells it which libc, Deno grants only that. */
  ffi?: boolean;
  /** Facilities the lab tries rather than measures, each once per run (lab 09: kTLS). */
  probes?: Array<'ktls-probe'>;
  /** One of the labs `npm start` runs: the traditional path against sendfile. */
  headline?: boolean;
}

export interface Chapter {
  id: string;
  slug: string;
  title: string;
  /** Absent for a chapter that is taught from sources rather than measured (09, 10). */
  lab?: Lab;
}

export const labs: Lab[] = [
  { id: '01', slug: '01-traditional', title: 'The traditional path: read() + write()', protocol: 'tcp', methods: ['read-write', 'stream'], headline: true },
  { id: '02', slug: '02-sendfile', title: 'The zero-copy path: sendfile()', protocol: 'http', methods: ['read-write', 'stream', 'sendfile'], headline: true },
  { id: '03', slug: '03-mmap', title: 'mmap + write: one copy instead of two', protocol: 'tcp', methods: ['read-write', 'mmap-write'] },
  { id: '04', slug: '04-buffers', title: 'Buffers, syscalls and mode switches', protocol: 'tcp', methods: ['read-write', 'stream'],
    chunks: [4, 16, 64, 256, 1024].map((kib) => kib * 1024), sweepChunks: 256 },
  { id: '05', slug: '05-file-to-file', title: 'File to file: copy_file_range and its fallbacks', protocol: 'file', methods: ['read-write', 'copy-file'], otherFileSystem: true },
  { id: '06', slug: '06-pipes', title: 'Pipes and splice', protocol: 'pipe', methods: ['read-write', 'stream', 'sendfile'] },
  { id: '07', slug: '07-kafka-log', title: "Kafka's log: a broker that never parses its batches", protocol: 'log', methods: ['read-write', 'sendfile'], consumers: 4 },
  // gzip moves 12-22 MiB/s here, and random bytes compress no better at 16 MiB than at 2 MiB; a
  // per-byte XOR costs the same per byte at 4 MiB as at 16 MiB. TLS stays at the default: its
  // handshake is a per-transfer cost that a smaller file would weigh more.
  { id: '08', slug: '08-limits', title: 'Where zero-copy does not fit', protocol: 'http', methods: ['read-write', 'sendfile', 'transform', 'gzip', 'tls'],
    methodBytes: { gzip: 2 * 2 ** 20, transform: 4 * 2 ** 20 } },
  { id: '09', slug: '09-modern-kernel', title: 'The modern kernel: splice, MSG_ZEROCOPY, io_uring, kTLS', protocol: 'tcp',
    methods: ['read-write', 'sendfile-ffi', 'splice-ffi', 'msg-zerocopy', 'io-uring-send-zc'], ffi: true, probes: ['ktls-probe'] },
];

/** Chapters with a lab share its id, slug and title; chapters without one are listed after them. */
const sourceChapters: Chapter[] = [
  { id: '10', slug: '10-case-studies', title: 'Case studies: who really uses zero-copy' },
];

/** What npm start runs: the traditional path against sendfile, the comparison the workbook is about. */
export const headlineLabs: Lab[] = labs.filter((lab) => lab.headline);

export const chapters: Chapter[] = [
  ...labs.map((lab) => ({ id: lab.id, slug: lab.slug, title: lab.title, lab })),
  ...sourceChapters,
].sort((a, b) => a.id.localeCompare(b.id));

export function findLab(id: string): Lab | undefined {
  return labs.find((lab) => lab.id === id || lab.slug === id || lab.id === id.padStart(2, '0'));
}

export function findChapter(id: string): Chapter | undefined {
  return chapters.find((chapter) => chapter.id === id || chapter.slug === id || chapter.id === id.padStart(2, '0'));
}

/** The labs a verb was asked for: one by id or slug, or all of them; anything else is bad usage. */
export function selectLabs(id: string | undefined): Lab[] {
  if (!id) throw new UsageError('which lab? give an id (e.g. npm run lab -- 01) or all');
  if (id === 'all') return labs;
  const lab = findLab(id);
  if (!lab) throw new UsageError(`unknown lab "${id}"${didYouMean(id, labs.flatMap((known) => [known.id, known.slug]))}; labs are ${labs.map((known) => known.id).join(', ')} or all`);
  return [lab];
}
