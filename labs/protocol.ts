// The messages between a lab server and the runner, typed once and checked when received. Only
// plain data and no imports, so a server in Node, Bun or Deno and the runner share this file.
//
// Server -> runner, one JSON object per line (on stdout; on stderr for a pipe lab, whose stdout
// carries the data):
//   {"ready":true,"port":N}               listening on 127.0.0.1:N; no port: a file or pipe lab.
//                                          "pacing":"go" — the server serves one transfer per "go"
//                                          line (its own sockets, through FFI: lab 09)
//   {"done":i,"seconds":s,"report":{…}}    after a "go": the i-th transfer or copy is finished;
//                                          report: what the server counted itself (see TransferReport)
//   {"served":i,"usage":{…}}               after the runner's i-th "usage" line
//   {"unavailable":"why"}                   instead of ready: this kernel or runtime lacks the facility
//   {"probe":{"facility":"ktls",…}}          instead of ready: a probe's finding (kTLS, scatter-gather), then exit
//   {"failed":"why"}                        the server could not do its job
// Runner -> server, one word per line on stdin: "go" | "usage".

export interface Usage {
  userSeconds: number;
  sysSeconds: number;
  voluntaryContextSwitches: number;
  involuntaryContextSwitches: number;
  minorPageFaults: number;
  /** Bytes this process caused to be read from storage (/proc/self/io read_bytes): 0 when every
   *  read was served from the page cache. Null where it cannot be read (not Linux; Deno asks for
   *  --allow-all before it opens anything under /proc/self). */
  storageReadBytes: number | null;
}

/** A zero-copy send's completions, as the kernel reported them (MSG_ZEROCOPY or io_uring SEND_ZC). */
export interface ZeroCopyReport {
  /** Zero-copy send calls (MSG_ZEROCOPY) or SEND_ZC submissions made in the transfer. */
  sends: number;
  /** Completion notifications received: error-queue messages (coalesced ranges) or NOTIF CQEs. */
  notifications: number;
  /** Sends the kernel said it copied after all (SO_EE_CODE_ZEROCOPY_COPIED, IORING_NOTIF_USAGE_ZC_COPIED). */
  copiedSends: number;
  /** MSG_ZEROCOPY: each notification's range of send counters [first, last] and its code. */
  ranges?: Array<{ first: number; last: number; copied: boolean }>;
  /** True when the kernel reported every send as copied. */
  copied: boolean;
}

/** What a server counted itself, for what strace cannot see or cannot tell. */
export interface TransferReport {
  zerocopy?: ZeroCopyReport;
  /** io_uring: the submissions and the bytes their completions reported (strace sees only io_uring_enter). */
  uring?: { submissions: number; bytes: number };
}

/** What a probe found out about the kernel, when the lab tries a facility instead of measuring a transfer. */
export interface ProbeFinding {
  /** kTLS (lab 09's probe), or scatter-gather on the loopback route every lab's socket uses. */
  facility: 'ktls' | 'scatter-gather';
  available: boolean;
  /** The call made and its outcome: the errno name and its meaning, or what the facility would change. */
  detail: string;
}

export type ServerMessage =
  | { ready: true; port?: number; pacing?: 'go' }
  | { done: number; seconds: number; report?: TransferReport }
  | { served: number; usage: Usage }
  | { unavailable: string }
  | { probe: ProbeFinding }
  | { failed: string };

export type RunnerLine = 'go' | 'usage';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function isUsage(value: unknown): value is Usage {
  return isObject(value) && isSeconds(value.userSeconds) && isSeconds(value.sysSeconds)
    && isCount(value.voluntaryContextSwitches) && isCount(value.involuntaryContextSwitches) && isCount(value.minorPageFaults)
    && (value.storageReadBytes === null || isCount(value.storageReadBytes));
}

function isZeroCopy(value: unknown): value is ZeroCopyReport {
  return isObject(value) && isCount(value.sends) && isCount(value.notifications) && isCount(value.copiedSends) && typeof value.copied === 'boolean'
    && (value.ranges === undefined || (Array.isArray(value.ranges) && value.ranges.every((range) =>
      isObject(range) && isCount(range.first) && isCount(range.last) && typeof range.copied === 'boolean')));
}

function isReport(value: unknown): value is TransferReport {
  return isObject(value) && (value.zerocopy === undefined || isZeroCopy(value.zerocopy))
    && (value.uring === undefined || (isObject(value.uring) && isCount(value.uring.submissions) && isCount(value.uring.bytes)));
}

/** One line from a server, checked: a message of a known shape, or what was wrong with it. */
export function parseServerMessage(line: string): ServerMessage | { invalid: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { invalid: `not JSON: ${line.slice(0, 200)}` };
  }
  if (!isObject(value)) return { invalid: `not a JSON object: ${line.slice(0, 200)}` };
  if (typeof value.failed === 'string') return { failed: value.failed };
  if (typeof value.unavailable === 'string') return { unavailable: value.unavailable };
  if (value.probe !== undefined) {
    const probe = value.probe;
    if (!isObject(probe) || (probe.facility !== 'ktls' && probe.facility !== 'scatter-gather') || typeof probe.available !== 'boolean' || typeof probe.detail !== 'string') return { invalid: `malformed probe in ${line.slice(0, 200)}` };
    return { probe: { facility: probe.facility, available: probe.available, detail: probe.detail } };
  }
  if (value.ready === true) {
    if (value.port !== undefined && !(isCount(value.port) && value.port > 0 && value.port < 65536)) return { invalid: `bad port in ${line.slice(0, 200)}` };
    if (value.pacing !== undefined && value.pacing !== 'go') return { invalid: `unknown pacing in ${line.slice(0, 200)}` };
    return { ready: true, ...(value.port !== undefined ? { port: value.port as number } : {}), ...(value.pacing ? { pacing: 'go' as const } : {}) };
  }
  if (isCount(value.done) && isSeconds(value.seconds)) {
    if (value.report !== undefined && !isReport(value.report)) return { invalid: `malformed report in ${line.slice(0, 200)}` };
    return { done: value.done, seconds: value.seconds, ...(value.report ? { report: value.report as TransferReport } : {}) };
  }
  if (isCount(value.served) && isUsage(value.usage)) return { served: value.served, usage: value.usage };
  return { invalid: `not a message the runner knows: ${line.slice(0, 200)}` };
}
