/*
 * nsm-cuse: a character device /dev/nsm, made with CUSE, that answers the NSM driver's one ioctl, 0xC0200A00, so
 * that the agent's real device code runs against a device node of the same name and kind in the test guest kernel
 * (enclave-agent/src/test/guest). Test-only; part of nitro-attest.
 *
 * Usage: nsm-cuse DEVNAME TIMEOUT_MS
 *   DEVNAME     the device's name under /dev (the guest passes "nsm").
 *   TIMEOUT_MS  how long to wait for an answer before failing the ioctl with ETIMEDOUT (the driver waits 120 s).
 *
 * The answers come from the process that started us, which runs the project's emulated NSM (the emulator stays the
 * single source of truth). The streams carry the same frames as nsm-fuse's (../nsm-fuse/nsm_fuse.c):
 *   stdout, one frame per ioctl:  u32 sequence, u32 length, request bytes      (little-endian)
 *   stdin,  one frame per answer: u32 sequence, i32 status, u32 length, bytes  (status < 0: fail with -status)
 * A frame with sequence 0 and length 0 on stdout announces that the kernel has made the device.
 *
 * Unlike a FUSE file, a CUSE device gets "unrestricted" ioctls, as the real driver does: the kernel hands us only
 * the caller's argument pointer, and we tell it, by asking for retries, which of the caller's memory to copy in and
 * out. That is the driver's copy_from_user/copy_to_user path: first the 32-byte struct nsm_message
 * {struct iovec request; struct iovec response}, then the request bytes it points at; the answer goes back into the
 * response buffer and the struct's response length, in one reply.
 */
#define FUSE_USE_VERSION 35
#define _GNU_SOURCE
#include <cuse_lowlevel.h>
#include <fuse_lowlevel.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define NSM_IOCTL_RAW 0xC0200A00u
#define NSM_REQUEST_MAX 0x1000u   /* the driver refuses larger requests with EMSGSIZE */
#define ANSWER_MAX (1u << 20)      /* bounds what we accept from the test process */

struct nsm_message {
    struct iovec request;
    struct iovec response;
};

static int timeout_ms;
static uint32_t sequence;
static unsigned char answer_buf[ANSWER_MAX];

static int write_all(int fd, const void *data, size_t length) {
    const unsigned char *p = data;
    while (length > 0) {
        ssize_t n = write(fd, p, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        length -= (size_t) n;
    }
    return 0;
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads exactly length bytes from stdin before the deadline: 0 on success, -ETIMEDOUT, or -EIO at end of input. */
static int read_all(void *data, size_t length, long long deadline) {
    unsigned char *p = data;
    while (length > 0) {
        long long left = deadline - now_ms();
        if (left <= 0) return -ETIMEDOUT;
        struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
        int ready = poll(&pfd, 1, (int) left);
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return -EIO;
        if (ready == 0) return -ETIMEDOUT;
        ssize_t n = read(STDIN_FILENO, p, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -EIO;
        p += n;
        length -= (size_t) n;
    }
    return 0;
}

static uint32_t le32(const unsigned char *p) {
    return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

static void put_le32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char) v; p[1] = (unsigned char) (v >> 8); p[2] = (unsigned char) (v >> 16);
    p[3] = (unsigned char) (v >> 24);
}

/* Sends one request and waits for its answer: the answer's length, or a negative errno. */
static long ask(const unsigned char *request, uint32_t length) {
    unsigned char header[8];
    uint32_t mine = ++sequence;
    if (mine == 0) mine = ++sequence;  /* 0 is the ready frame's */
    put_le32(header, mine);
    put_le32(header + 4, length);
    if (write_all(STDOUT_FILENO, header, 8) || write_all(STDOUT_FILENO, request, length)) return -EIO;
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        unsigned char answer[12];
        int rc = read_all(answer, sizeof answer, deadline);
        if (rc) return rc;
        uint32_t seq = le32(answer);
        int32_t status = (int32_t) le32(answer + 4);
        uint32_t size = le32(answer + 8);
        if (size > ANSWER_MAX) return -EIO;
        rc = read_all(answer_buf, size, deadline);
        if (rc) return rc;
        if (seq != mine) continue;  /* a late answer to a request that timed out */
        return status < 0 ? status : (long) size;
    }
}

static void nsm_open(fuse_req_t req, struct fuse_file_info *fi) {
    fi->nonseekable = 1;
    fuse_reply_open(req, fi);
}

static void nsm_ioctl(fuse_req_t req, int cmd, void *arg, struct fuse_file_info *fi, unsigned flags,
                      const void *in_buf, size_t in_bufsz, size_t out_bufsz) {
    (void) fi;
    if (flags & FUSE_IOCTL_COMPAT) { fuse_reply_err(req, ENOSYS); return; }
    if ((unsigned) cmd != NSM_IOCTL_RAW) { fuse_reply_err(req, ENOTTY); return; }
    struct iovec message_iov = {.iov_base = arg, .iov_len = sizeof(struct nsm_message)};
    if (in_bufsz < sizeof(struct nsm_message)) {
        /* First call: only the pointer. Ask the kernel for the struct it points at. */
        fuse_reply_ioctl_retry(req, &message_iov, 1, &message_iov, 1);
        return;
    }
    struct nsm_message message;
    memcpy(&message, in_buf, sizeof message);
    if (message.request.iov_len > NSM_REQUEST_MAX) { fuse_reply_err(req, EMSGSIZE); return; }
    if (in_bufsz != sizeof message + message.request.iov_len || out_bufsz != sizeof message + message.response.iov_len) {
        /* Second call (or the caller changed the struct in between): ask for the request bytes as well, and for
           room to write the struct and the response buffer back. */
        struct iovec in[2] = {message_iov, message.request};
        struct iovec out[2] = {message_iov, message.response};
        fuse_reply_ioctl_retry(req, in, message.request.iov_len > 0 ? 2 : 1, out,
                               message.response.iov_len > 0 ? 2 : 1);
        return;
    }
    long answer = ask((const unsigned char *) in_buf + sizeof message, (uint32_t) message.request.iov_len);
    if (answer < 0) { fuse_reply_err(req, (int) -answer); return; }
    /* The driver truncates an answer to the caller's capacity and reports the length it copied. */
    size_t copied = (size_t) answer < message.response.iov_len ? (size_t) answer : message.response.iov_len;
    message.response.iov_len = copied;
    struct iovec reply[2] = {{.iov_base = &message, .iov_len = sizeof message},
                             {.iov_base = answer_buf, .iov_len = copied}};
    fuse_reply_ioctl_iov(req, 0, reply, copied > 0 ? 2 : 1);
}

static void nsm_init_done(void *userdata) {
    (void) userdata;
    unsigned char ready[8] = {0};
    if (write_all(STDOUT_FILENO, ready, sizeof ready) != 0) exit(1);
}

static const struct cuse_lowlevel_ops ops = {
    .init_done = nsm_init_done,
    .open = nsm_open,
    .ioctl = nsm_ioctl,
};

int main(int argc, char *argv[]) {
    if (argc != 3 || atoi(argv[2]) <= 0 || strlen(argv[1]) > 64) {
        fprintf(stderr, "usage: nsm-cuse DEVNAME TIMEOUT_MS\n");
        return 2;
    }
    timeout_ms = atoi(argv[2]);
    char devname[80];
    snprintf(devname, sizeof devname, "DEVNAME=%s", argv[1]);
    const char *dev_info[] = {devname};
    struct cuse_info info = {.dev_info_argc = 1, .dev_info_argv = dev_info, .flags = CUSE_UNRESTRICTED_IOCTL};
    /* -f: stay in the foreground (the test process owns us); -s: one thread, since the streams carry one request
       at a time, as the real NSM answers one at a time. */
    char *cuse_argv[] = {argv[0], "-f", "-s", NULL};
    int multithreaded;
    struct fuse_session *se = cuse_lowlevel_setup(3, cuse_argv, &info, &ops, &multithreaded, NULL);
    if (se == NULL) {
        fprintf(stderr, "nsm-cuse: cannot open /dev/cuse to make /dev/%s\n", argv[1]);
        return 1;
    }
    /* libfuse's signal handler ends the loop and makes it return the signal's number: SIGTERM (the test's way
       to stop us) and SIGINT are a clean stop. */
    int loop = fuse_session_loop(se);
    int rc = loop == 0 || loop == SIGTERM || loop == SIGINT ? 0 : 1;
    cuse_lowlevel_teardown(se);
    return rc;
}
