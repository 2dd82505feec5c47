// What the runner asks of the lab client, and what it answers: one JSON object per line each way.
// The client is one Node process for a whole session (every runtime's servers are read by the same
// client, so differences in the tables belong to the servers), and every transfer is one request.
// The bench's client speaks the same protocol, for the protocols it times (tcp, http).

export type FetchRequest =
  | { protocol: 'tcp'; port: number }
  /** tls: the certificate to trust (lab 08); undo: the transform to reverse before hashing. */
  | { protocol: 'http'; port: number; tls?: string; undo?: 'xor' | 'gzip' }
  /** Lab 07: `consumers` read the whole log at once, `fetchBytes` a request; produce fills an empty broker first. */
  | { protocol: 'log'; port: number; consumers: number; fetchBytes: number; produce?: { path: string; batch: number } }
  /** Lab 06: the next `bytes` from the FIFO opened with openPipe. */
  | { protocol: 'pipe'; bytes: number };

export type ClientCommand =
  | { fetch: FetchRequest }
  /**
   * The bench's client: compare every following transfer with this file, loaded into memory, or
   * with `shared`, mapped read-only from the page cache where the client can (its pages must then
   * stay in the cache: not with --cold).
   */
  | { expect: string; shared?: boolean }
  /** Opens a FIFO for reading, before its writer (a server's shell) opens it, and keeps it open. */
  | { openPipe: string }
  | { closePipe: true };

/**
 * What arrived, checked one of two ways: its SHA-256, for the runner to compare with the file's;
 * or compared byte for byte with the file itself (the bench's client after `expect`).
 */
export type Received =
  | { bytes: number; sha256: string; compared?: undefined }
  | { bytes: number; sha256?: undefined; compared: { against: string; firstDifference: number | null } };

export type ClientReply =
  | (Received & { seconds: number; produced?: { batches: number; seconds: number } })
  | { ok: true }
  /** The bench's client, after `expect`: how it will check the following transfers, and how it receives them. */
  | { expecting: 'compare' | 'sha256'; note?: string; receiving: string; mapped?: boolean }
  | { error: string };
