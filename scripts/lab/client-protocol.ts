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
  /** Opens a FIFO for reading, before its writer (a server's shell) opens it, and keeps it open. */
  | { openPipe: string }
  | { closePipe: true };

export interface Received { bytes: number; sha256: string }

export type ClientReply =
  | (Received & { seconds: number; produced?: { batches: number; seconds: number } })
  | { ok: true }
  | { error: string };
