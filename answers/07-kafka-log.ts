// Chapter 07 — Kafka's log: a broker that never parses its batches.
// Read chapters/07-kafka-log.md, fill in each answer, then run: npm run check -- 07
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: 'a' | 'b' | 'c' | 'd' | null;
  q2: 'a' | 'b' | 'c' | 'd' | null;
  q3: number | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: 'a' | 'b' | 'c' | 'd' | null;
  q6: number | null;
};

/** q1. What makes it possible for a Kafka broker to answer a fetch with sendfile()?
 *  a) reads are sequential, and sendfile only works on sequential reads
 *  b) the batches on disk are in the same format the consumer reads, so the broker sends a byte range of the segment unchanged
 *  c) messages are deleted once they are read, so each byte is sent only once
 *  d) the broker maps the log with mmap, and sendfile needs a mapped file */
export const q1: Sheet['q1'] = null;

/** q2. Four consumers read the same 16 MiB log at once from the lab's broker, right after it was produced. How many bytes did the broker read from storage while serving them?
 *  a) 0: the producer's writes left the segment in the page cache, and all four were served from it
 *  b) 16 MiB: the first consumer reads it from disk, the others from the cache
 *  c) 64 MiB: each consumer's fetches read the disk again
 *  d) 16 MiB into the broker's own in-process cache, then none */
export const q2: Sheet['q2'] = null;

/** q3. The log holds batches of 64 KiB and a consumer fetches with maxBytes = 1 MiB. How many batches does one fetch answer? (a number) */
export const q3: Sheet['q3'] = null;

/** q4. Which of these keeps Kafka's sendfile path?
 *  a) enabling SSL between consumers and brokers
 *  b) a plaintext listener, and a consumer that understands the on-disk batch format
 *  c) an old consumer that needs its messages down-converted to an older format
 *  d) none: Kafka never uses sendfile */
export const q4: Sheet['q4'] = null;

/** q5. In lab 07 at 64 MiB, Bun's sendfile broker used 0.28× the CPU of its read-write broker but delivered only 0.35× the MiB/s; at 16 MiB, on a busier machine, 0.27× the CPU and 1.14× the MiB/s. What do these measurements support?
 *  a) sendfile is slower than read + write, so Kafka should not use it
 *  b) the server spent far less CPU per byte both times; the MiB/s, down in one run and up in the other, is set by this client (one Node process hashing everything on the same two cores) and is not explained here
 *  c) the sendfile broker read the log from disk while read-write used the page cache
 *  d) sendfile copied each byte twice in the kernel */
export const q5: Sheet['q5'] = null;

/** q6. Prediction. Bun, sendfile method, a 16 MiB log read by 4 consumers with 1 MiB fetches: how many sendfile() calls will the trace count?
 *  Then measure it: npm run lab -- 07 --runtime bun --method sendfile --size 16MiB */
export const q6: Sheet['q6'] = null;
