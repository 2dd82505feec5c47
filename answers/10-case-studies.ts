// Chapter 10 — Case studies: who really uses zero-copy.
// Read chapters/10-case-studies.md, fill in each answer, then run: npm run check -- 10
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: 'a' | 'b' | 'c' | 'd' | null;
  q2: number | null;
  q3: 'a' | 'b' | 'c' | 'd' | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: 'a' | 'b' | 'c' | 'd' | null;
  q6: 'a' | 'b' | 'c' | 'd' | null;
};

/** q1. A Kafka broker with SSL enabled serves a consumer's fetch. How do the record bytes get from the log segment to the socket?
 *  a) FileChannel.transferTo (sendfile), exactly as for plaintext consumers
 *  b) the kernel encrypts them with kTLS while sendfile sends them
 *  c) the broker reads them into user memory, encrypts them with the JVM's TLS engine and writes the ciphertext
 *  d) the consumer reads the log segment through mmap */
export const q1: Sheet['q1'] = null;

/** q2. With transferMsgByHeap=false, a RocketMQ broker (any release, for example rocketmq-all-5.3.3) writes the mmap'ed CommitLog buffers to the socket. In the workbook's sense, how many CPU copies per byte cross the user/kernel boundary on that path? (a number) */
export const q2: Sheet['q2'] = null;

/** q3. Which statement about Elasticsearch's default storage is right?
 *  a) it reads every index file with read() into the JVM heap
 *  b) it cannot use mmap, because it parses documents
 *  c) it sends index files to clients with sendfile
 *  d) its default store type, hybridfs, memory-maps the term dictionary, norms and doc values files and opens the rest with NIO */
export const q3: Sheet['q3'] = null;

/** q4. MySQL 8.4 on Linux, default innodb_flush_method. How does a data page get into the InnoDB buffer pool?
 *  a) read() from the page cache into the buffer pool, as with fsync
 *  b) the disk controller transfers it by DMA straight into the buffer pool: O_DIRECT bypasses the page cache
 *  c) sendfile() from the data file into the buffer pool
 *  d) mmap of the data file, so the buffer pool is the page cache */
export const q4: Sheet['q4'] = null;

/** q5. Flink's default batch shuffle since 1.15 (sort shuffle). How does it send shuffle data?
 *  a) it reads into managed-memory buffers and writes from them; it relies on neither sendfile nor mmap, which also lets it work with SSL
 *  b) through Netty FileRegion, that is sendfile, in every mode
 *  c) by memory-mapping the shuffle files
 *  d) with io_uring zero-copy send */
export const q5: Sheet['q5'] = null;

/** q6. Why does Redis not send its RDB file to replicas with sendfile?
 *  a) sendfile cannot read regular files on Linux
 *  b) a sendfile path was merged in 2020 and reverted because of its blocking and latency; the default today, diskless sync, streams the RDB to replica sockets without a file
 *  c) RDB files are read in random order, so sendfile cannot stream them
 *  d) replication always uses TLS, which rules out zero-copy */
export const q6: Sheet['q6'] = null;
