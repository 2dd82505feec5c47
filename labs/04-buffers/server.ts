// Lab 04 — buffers, syscalls and mode switches. The server is lab 01's (read-write over loopback
// TCP, and each runtime's idiomatic stream); what changes is the buffer size the runner passes
// with --chunk, from 4 KiB to 1 MiB, and the stream's own default chunk, which the trace reveals.
import '../01-traditional/server.ts';
