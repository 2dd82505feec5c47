// The key to chapter 07: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../07-kafka-log.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'choice',
    prompt: 'What makes it possible for a Kafka broker to answer a fetch with sendfile()?',
    choices: {
      a: 'reads are sequential, and sendfile only works on sequential reads',
      b: 'the batches on disk are in the same format the consumer reads, so the broker sends a byte range of the segment unchanged',
      c: 'messages are deleted once they are read, so each byte is sent only once',
      d: 'the broker maps the log with mmap, and sendfile needs a mapped file',
    },
    answer: 'b',
    hints: ['sendfile takes a file, an offset and a length, and cannot change a single byte. What must be true of the bytes on disk?', 'Read "Efficiency" in the Kafka design docs: what do the producer, the broker and the consumer share?'],
    explanation: 'Kafka uses one binary batch format for producer, log and consumer, so a fetch is just a byte range of a segment that can go out unchanged: FileChannel.transferTo, which is sendfile on Linux. Sequential access keeps the disk and read-ahead fast, but a sequential log in another format would still have to pass through the broker. Kafka keeps data for a retention period rather than deleting it on read, and it maps only its index files.',
  },
  q2: {
    kind: 'choice',
    prompt: "Four consumers read the same 16 MiB log at once from the lab's broker, right after it was produced. How many bytes did the broker read from storage while serving them?",
    choices: {
      a: "0: the producer's writes left the segment in the page cache, and all four were served from it",
      b: '16 MiB: the first consumer reads it from disk, the others from the cache',
      c: "64 MiB: each consumer's fetches read the disk again",
      d: "16 MiB into the broker's own in-process cache, then none",
    },
    answer: 'a',
    hints: ['Where does a write() put the bytes before they reach the disk?', 'Look at the "Read from storage while serving" line under the lab 07 table.'],
    explanation: 'The brokers reported 0 bytes of read_bytes (/proc/self/io) for node, bun read-write and bun sendfile. Writes go into the page cache, and every consumer was served from those pages. This is the Kafka design doc\'s "no read activity on the disks whatsoever" when consumers are caught up, and why Kafka keeps no cache of its own.',
  },
  q3: {
    kind: 'number',
    prompt: 'The log holds batches of 64 KiB and a consumer fetches with maxBytes = 1 MiB. How many batches does one fetch answer?',
    answer: 16,
    hints: ['The broker answers whole batches only, up to maxBytes.', 'Count the pread64 calls of the read-write rows: 1,024 for 64 fetches.'],
    explanation: 'Sixteen: 16 × 64 KiB = 1 MiB fits exactly, and a 17th would pass maxBytes. So 16 MiB is 16 fetches per consumer, and 4 consumers make 64 fetches (1,024 reads of 64 KiB in the read-write rows). A first batch larger than maxBytes would still be sent whole, as in Kafka.',
  },
  q4: {
    kind: 'choice',
    prompt: "Which of these keeps Kafka's sendfile path?",
    choices: {
      a: 'enabling SSL between consumers and brokers',
      b: 'a plaintext listener, and a consumer that understands the on-disk batch format',
      c: 'an old consumer that needs its messages down-converted to an older format',
      d: 'none: Kafka never uses sendfile',
    },
    answer: 'b',
    hints: ['The design docs say when sendfile is not used.', 'KIP-283 describes what the broker must do for a consumer that expects an older format.'],
    explanation: 'Zero-copy needs the bytes to go out as they are stored. With SSL the TLS library runs in user space, so "sendfile is not used when SSL is enabled" (Kafka design docs). Down-conversion reads batches into the heap and rewrites them, and KIP-283 says zero-copy "does not work" then. A plaintext listener and a consumer that reads the current format keep PlaintextTransportLayer → FileChannel.transferTo.',
  },
  q5: {
    kind: 'choice',
    prompt: "In lab 07 at 64 MiB, Bun's sendfile broker used 0.28× the CPU of its read-write broker but delivered only 0.35× the MiB/s; at 16 MiB, on a busier machine, 0.27× the CPU and 1.14× the MiB/s. What do these measurements support?",
    choices: {
      a: 'sendfile is slower than read + write, so Kafka should not use it',
      b: 'the server spent far less CPU per byte both times; the MiB/s, down in one run and up in the other, is set by this client (one Node process hashing everything on the same two cores) and is not explained here',
      c: 'the sendfile broker read the log from disk while read-write used the page cache',
      d: 'sendfile copied each byte twice in the kernel',
    },
    answer: 'b',
    hints: ['Which process receives and hashes everything the four consumers get, and on how many cores?', 'Compare with lab 02, and with npm run bench, where a faster client measures throughput.'],
    explanation: 'CPU per GiB delivered fell to about a quarter (0.90 s to 0.25 s at 64 MiB; 1.9 s to 0.5 s at 16 MiB), and both rows read 0 bytes from storage. The MiB/s is not explained by this lab: the drop at 64 MiB came with many 1 MiB responses on four connections (0.65× with 8 MiB fetches, none with lab 02\'s single response). The client shares the two cores with the server, and with a faster client (npm run bench, lab 02 at 256 MiB) Bun\'s sendfile was the fastest row, 1,689 against 1,203 MiB/s.',
  },
  q6: {
    kind: 'prediction',
    prompt: 'Bun, sendfile method, a 16 MiB log read by 4 consumers with 1 MiB fetches: how many sendfile() calls will the trace count?',
    measured: { lab: '07', runtime: 'bun', method: 'sendfile', bytes: 16777216, metric: 'calls.kernelMoved' },
    tolerance: 0.05,
    answer: 64,
    hints: ['How many 1 MiB fetches does one consumer need for 16 MiB, and how many consumers are there?', 'Each fetch answer is a Bun.file slice of exactly 1 MiB, at the size where Bun starts using sendfile.'],
    explanation: '64: 4 consumers × 16 fetches of 1 MiB, one sendfile(2) each, with the fetch\'s position as the offset. The four final empty fetches send only a header. No byte of the segment was read into the broker.',
  },
};

export const q1: Sheet['q1'] = 'b';
export const q2: Sheet['q2'] = 'a';
export const q3: Sheet['q3'] = 16;
export const q4: Sheet['q4'] = 'b';
export const q5: Sheet['q5'] = 'b';
export const q6: Sheet['q6'] = 64;
