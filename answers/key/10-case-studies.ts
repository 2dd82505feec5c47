// The key to chapter 10: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../10-case-studies.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'choice',
    prompt: "A Kafka broker with SSL enabled serves a consumer's fetch. How do the record bytes get from the log segment to the socket?",
    choices: {
      a: 'FileChannel.transferTo (sendfile), exactly as for plaintext consumers',
      b: 'the kernel encrypts them with kTLS while sendfile sends them',
      c: "the broker reads them into user memory, encrypts them with the JVM's TLS engine and writes the ciphertext",
      d: 'the consumer reads the log segment through mmap',
    },
    answer: 'c',
    hints: ['Where does Java\'s TLS run: in the kernel or in the JVM?', 'Kafka design docs: "sendfile is not used when SSL is enabled".'],
    explanation: 'Kafka\'s TLS runs in user space, so the bytes must be read into the JVM to be encrypted. Its design documentation says "in-kernel SSL_sendfile is currently not supported by Kafka" and "sendfile is not used when SSL is enabled" (KAFKA-13799). Only the plaintext transport layer calls FileChannel.transferTo, which on Linux ends in sendfile for a socket (since JDK 20 it tries copy_file_range first, JDK-8292562, which works only between files).',
  },
  q2: {
    kind: 'number',
    prompt: "With transferMsgByHeap=false, a RocketMQ broker (any release, for example rocketmq-all-5.3.3) writes the mmap'ed CommitLog buffers to the socket. In the workbook's sense, how many CPU copies per byte cross the user/kernel boundary on that path?",
    answer: 1,
    hints: ['Reading through a mapping costs no copy. What does write() do with the mapped bytes?', 'It is the mmap + write path of chapter 03.'],
    explanation: 'One. The mapped CommitLog pages need no read() into user memory, but write() (a socket write from the mapped ByteBuffer) copies each byte from the page cache into the socket buffer: mmap + write, one copy per byte against two for read + write and zero for sendfile. With the default transferMsgByHeap=true, RocketMQ even copies the messages into a heap array first. The ManyMessageTransfer that calls FileChannel.transferTo (sendfile) is commit 200a818e of the unmerged PR #1933, in no release.',
  },
  q3: {
    kind: 'choice',
    prompt: "Which statement about Elasticsearch's default storage is right?",
    choices: {
      a: 'it reads every index file with read() into the JVM heap',
      b: 'it cannot use mmap, because it parses documents',
      c: 'it sends index files to clients with sendfile',
      d: 'its default store type, hybridfs, memory-maps the term dictionary, norms and doc values files and opens the rest with NIO',
    },
    answer: 'd',
    hints: ['Look up index.store.type in the Elasticsearch reference ("Store").', 'What does Lucene\'s FSDirectory.open() return on 64-bit Linux?'],
    explanation: 'The default store type fs "is currently hybridfs on all supported systems"; hybridfs memory-maps the Lucene term dictionary, norms and doc values and uses NIOFSDirectory for the rest (Elasticsearch reference, index-modules-store; the default was mmapfs in 6.x). Lucene itself returns MMapDirectory on 64-bit Linux, macOS and Windows. Search engines avoid copies on the disk side with mmap; they never sendfile results, because results are computed. So the common answer\'s "no zero-copy" is partly right: right about the responses, wrong about the index.',
  },
  q4: {
    kind: 'choice',
    prompt: 'MySQL 8.4 on Linux, default innodb_flush_method. How does a data page get into the InnoDB buffer pool?',
    choices: {
      a: 'read() from the page cache into the buffer pool, as with fsync',
      b: 'the disk controller transfers it by DMA straight into the buffer pool: O_DIRECT bypasses the page cache',
      c: 'sendfile() from the data file into the buffer pool',
      d: 'mmap of the data file, so the buffer pool is the page cache',
    },
    answer: 'b',
    hints: ['The default changed between 8.0 (fsync) and 8.4.', 'What does opening a file with O_DIRECT do to the page cache?'],
    explanation: 'MySQL 8.4 defaults to O_DIRECT where supported (8.0 used fsync). MariaDB, which made the same change in 10.6 (MDEV-24854), gives the reason: with O_DIRECT "the reads and writes can be submitted with DMA, using the InnoDB buffer pool directly, and no processor cycles need to be used for copying data". Databases avoid copies on the disk side, not with sendfile.',
  },
  q5: {
    kind: 'choice',
    prompt: "Flink's default batch shuffle since 1.15 (sort shuffle). How does it send shuffle data?",
    choices: {
      a: 'it reads into managed-memory buffers and writes from them; it relies on neither sendfile nor mmap, which also lets it work with SSL',
      b: 'through Netty FileRegion, that is sendfile, in every mode',
      c: 'by memory-mapping the shuffle files',
      d: 'with io_uring zero-copy send',
    },
    answer: 'a',
    hints: ['FileRegion (sendfile) belongs to the older hash shuffle in "file" mode.', 'Read the "Sort Shuffle" section of Flink\'s batch_shuffle.md.'],
    explanation: 'Flink\'s docs: sort shuffle "uses extra managed memory as data reading buffer and does not rely on sendfile or mmap mechanism, thus it also works well with SSL". The hash shuffle\'s "file" mode does use Netty FileRegion, which "relies on sendfile", but not when SSL is enabled. So Flink\'s default trades sendfile for stability at scale and TLS; the data itself leaves a file unchanged, as in Spark, which serves shuffle blocks through a Netty DefaultFileRegion.',
  },
  q6: {
    kind: 'choice',
    prompt: 'Why does Redis not send its RDB file to replicas with sendfile?',
    choices: {
      a: 'sendfile cannot read regular files on Linux',
      b: 'a sendfile path was merged in 2020 and reverted because of its blocking and latency; the default today, diskless sync, streams the RDB to replica sockets without a file',
      c: 'RDB files are read in random order, so sendfile cannot stream them',
      d: 'replication always uses TLS, which rules out zero-copy',
    },
    answer: 'b',
    hints: ['The common answer blames random access. Did Redis ever try sendfile?', 'Read the repl-diskless-sync comment in redis.conf, and redis#5253.'],
    explanation: 'redis#7096 added sendfile for disk-backed replication in 2020; it "was eventually reverted since it turned out sendfile has blocking / latency implications" (oranagra, redis#5253). The default in redis.conf is now repl-diskless-sync yes: a child process "directly writes the RDB file to replica sockets, without touching the disk at all". With disk-backed sync the parent reads the file into a buffer and writes it.',
  },
};

export const q1: Sheet['q1'] = 'c';
export const q2: Sheet['q2'] = 1;
export const q3: Sheet['q3'] = 'd';
export const q4: Sheet['q4'] = 'b';
export const q5: Sheet['q5'] = 'a';
export const q6: Sheet['q6'] = 'b';
