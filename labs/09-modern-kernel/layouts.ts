// Every constant and struct layout lab 09 hands the kernel, with the header it comes from. Offsets
// are for LP64 little-endian Linux. x86_64 and aarch64 agree on all of them: both take the socket,
// fcntl and mman constants from the asm-generic headers, the structs below contain no type whose
// size differs between them, and io_uring's syscall numbers (425-427) were given to every
// architecture at once. (What does differ, e.g. struct stat, is not used: lseek gives the size.)
// Each offset was checked with offsetof() against glibc 2.36's headers and liburing's
// io_uring.h on this machine (x86_64, Linux 6.18).

// include/linux/socket.h: address families and message flags.
export const AF_INET = 2;
export const MSG_DONTWAIT = 0x40;
export const MSG_ERRQUEUE = 0x2000;
/** Without it a send to a peer that hung up raises SIGPIPE (the runtimes ignore it; this does not rely on that). */
export const MSG_NOSIGNAL = 0x4000;
export const MSG_ZEROCOPY = 0x4000000;
export const SOL_IP = 0;
export const SOL_TCP = 6;

// include/linux/net.h: socket types; SOCK_CLOEXEC is O_CLOEXEC.
export const SOCK_STREAM = 1;
export const SOCK_CLOEXEC = 0o2000000;

// include/uapi/asm-generic/socket.h
export const SOL_SOCKET = 1;
export const SO_ZEROCOPY = 60;

// include/uapi/linux/in.h
export const IP_RECVERR = 11;
export const INADDR_LOOPBACK = 0x7f000001;

// include/uapi/linux/tcp.h: attach an upper layer protocol ("tls") to a TCP socket.
export const TCP_ULP = 31;

// include/uapi/asm-generic/fcntl.h and include/uapi/linux/fcntl.h
export const O_RDONLY = 0;
export const O_CLOEXEC = 0o2000000;
export const F_SETPIPE_SZ = 1024 + 7;
export const F_GETPIPE_SZ = 1024 + 8;
export const SEEK_END = 2;

// include/uapi/asm-generic/mman-common.h and mman.h
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const MAP_SHARED = 1;
export const MAP_POPULATE = 0x8000;

// include/uapi/linux/splice.h: SPLICE_F_MORE tells the socket more data follows, as MSG_MORE does.
export const SPLICE_F_MORE = 4;

// include/uapi/asm-generic/poll.h: struct pollfd { int fd; short events; short revents; }
export const POLLIN = 0x1;
export const POLLERR = 0x8;
export const pollfd = { size: 8, fd: 0, events: 4, revents: 6 } as const;

/** fs/read_write.c MAX_RW_COUNT: one sendfile(2) moves at most this much (sendfile(2), NOTES). */
export const SENDFILE_MAX = 0x7ffff000;

// include/uapi/linux/in.h struct sockaddr_in: sin_family (host order), sin_port and sin_addr
// (network order), 8 bytes of zero padding.
export const sockaddrIn = { size: 16, family: 0, port: 2, address: 4 } as const;

// include/linux/socket.h struct user_msghdr (glibc bits/socket.h struct msghdr): LP64 pads
// msg_namelen and msg_flags to 8 bytes.
export const msghdr = { size: 56, name: 0, nameLength: 8, iov: 16, iovLength: 24, control: 32, controlLength: 40, flags: 48 } as const;

// include/uapi/linux/uio.h struct iovec
export const iovec = { size: 16, base: 0, length: 8 } as const;

// include/linux/socket.h struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } and
// CMSG_ALIGN, which rounds to sizeof(size_t): the data follows the header at offset 16, and the next
// header starts at CMSG_ALIGN(cmsg_len).
export const cmsghdr = { size: 16, length: 0, level: 8, type: 12, align: 8 } as const;

// include/uapi/linux/errqueue.h struct sock_extended_err
export const sockExtendedErr = { size: 16, errno: 0, origin: 4, type: 5, code: 6, info: 8, data: 12 } as const;
export const SO_EE_ORIGIN_ZEROCOPY = 5;
export const SO_EE_CODE_ZEROCOPY_COPIED = 1;

// include/uapi/asm-generic/unistd.h (and arch/x86/entry/syscalls/syscall_64.tbl): glibc 2.36 has no
// wrapper for these, so they go through syscall(2).
export const SYS_io_uring_setup = 425;
export const SYS_io_uring_enter = 426;
export const SYS_io_uring_register = 427;

// include/uapi/linux/io_uring.h (liburing's copy at 27255f4c). struct io_sqring_offsets and
// io_cqring_offsets sit inside io_uring_params at sq_off (40) and cq_off (80).
export const uringParams = {
  size: 120, sqEntries: 0, cqEntries: 4, flags: 8, features: 20, sqOff: 40, cqOff: 80,
} as const;
export const sqringOffsets = { head: 0, tail: 4, ringMask: 8, ringEntries: 12, flags: 16, dropped: 20, array: 24 } as const;
export const cqringOffsets = { head: 0, tail: 4, ringMask: 8, ringEntries: 12, overflow: 16, cqes: 20 } as const;
/** struct io_uring_sqe: `off` shares a union with addr2 (SEND_ZC's destination address: left 0). */
export const uringSqe = { size: 64, opcode: 0, flags: 1, ioprio: 2, fd: 4, off: 8, addr: 16, len: 24, msgFlags: 28, userData: 32 } as const;
export const uringCqe = { size: 16, userData: 0, res: 8, flags: 12 } as const;
/** struct io_uring_getevents_arg, for IORING_ENTER_EXT_ARG: a timeout on waiting for completions. */
export const uringGeteventsArg = { size: 24, sigmask: 0, sigmaskSize: 8, minWaitUsec: 12, ts: 16 } as const;
/** struct __kernel_timespec (include/uapi/linux/time_types.h) */
export const kernelTimespec = { size: 16, seconds: 0, nanoseconds: 8 } as const;
/** struct io_uring_probe, then ops_len struct io_uring_probe_op { u8 op; u8 resv; u16 flags; u32 resv2; } */
export const uringProbe = { size: 16, lastOp: 0, opsLength: 1, ops: 16, opSize: 8, opFlags: 2 } as const;

export const IORING_OFF_SQ_RING = 0;
export const IORING_OFF_SQES = 0x10000000;
export const IORING_SETUP_CQSIZE = 1 << 3;
export const IORING_SETUP_SINGLE_ISSUER = 1 << 12;
export const IORING_SETUP_DEFER_TASKRUN = 1 << 13;
export const IORING_FEAT_SINGLE_MMAP = 1 << 0;
export const IORING_FEAT_NODROP = 1 << 1;
export const IORING_FEAT_EXT_ARG = 1 << 8;
export const IORING_ENTER_GETEVENTS = 1 << 0;
export const IORING_ENTER_EXT_ARG = 1 << 3;
export const IORING_REGISTER_PROBE = 8;
export const IO_URING_OP_SUPPORTED = 1 << 0;
export const IORING_OP_SEND_ZC = 47;
/** In sqe->ioprio for SEND_ZC: the notification's res says whether the kernel copied. */
export const IORING_SEND_ZC_REPORT_USAGE = 1 << 3;
export const IORING_NOTIF_USAGE_ZC_COPIED = 2 ** 31;
export const IORING_CQE_F_MORE = 1 << 1;
export const IORING_CQE_F_NOTIF = 1 << 3;
