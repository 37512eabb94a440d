/*
 * nsm-fuse: a FUSE file that answers the NSM driver's one ioctl, 0xC0200A00, the way /dev/nsm does, so that the
 * agent's real device code (NsmDevice and its JNA ioctl) can be exercised through the kernel on a machine without
 * an NSM. Test-only; part of nitro-attest.
 *
 * Usage: nsm-fuse MOUNT_FILE TIMEOUT_MS
 *   MOUNT_FILE  an existing regular file; the FUSE file is mounted over it.
 *   TIMEOUT_MS  how long to wait for an answer before failing the ioctl with ETIMEDOUT (the driver waits 120 s).
 *
 * The NSM's answers come from the process that started us, over our standard streams (it runs the project's
 * emulated NSM, so the emulator stays the single source of truth):
 *   stdout, one frame per ioctl:  u32 sequence, u32 length, request bytes      (little-endian)
 *   stdin,  one frame per answer: u32 sequence, i32 status, u32 length, bytes  (status < 0: fail with -status)
 * A frame with sequence 0 and length 0 on stdout announces that the mount is ready. Answers whose sequence is not
 * the one awaited (late answers to a request that already timed out) are read and dropped.
 *
 * The ioctl is "restricted" for FUSE: _IOC_SIZE is 32, so the kernel copies the 32-byte struct
 * {struct iovec request; struct iovec response} in and out, but not the buffers it points to. Like the driver's
 * copy_from_user/copy_to_user, we move those with process_vm_readv/process_vm_writev in the caller's memory.
 */
#define FUSE_USE_VERSION 35
#define _GNU_SOURCE
#include <fuse_lowlevel.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
static unsigned char request_buf[NSM_REQUEST_MAX];
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

static void nsm_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    (void) fi;
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_ino = ino;
    st.st_mode = S_IFREG | 0600;
    st.st_nlink = 1;
    fuse_reply_attr(req, &st, 0);
}

static void nsm_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    (void) ino;
    fi->direct_io = 1;
    fi->nonseekable = 1;
    fuse_reply_open(req, fi);
}

static void nsm_ioctl(fuse_req_t req, fuse_ino_t ino, unsigned int cmd, void *arg, struct fuse_file_info *fi,
                      unsigned flags, const void *in_buf, size_t in_bufsz, size_t out_bufsz) {
    (void) ino; (void) arg; (void) fi;
    if (flags & FUSE_IOCTL_COMPAT) { fuse_reply_err(req, ENOSYS); return; }
    if (cmd != NSM_IOCTL_RAW) { fuse_reply_err(req, ENOTTY); return; }
    if (in_bufsz != sizeof(struct nsm_message) || out_bufsz != sizeof(struct nsm_message)) {
        fuse_reply_err(req, EINVAL);
        return;
    }
    struct nsm_message message;
    memcpy(&message, in_buf, sizeof message);
    if (message.request.iov_len > NSM_REQUEST_MAX) { fuse_reply_err(req, EMSGSIZE); return; }
    pid_t caller = fuse_req_ctx(req)->pid;
    struct iovec local = {.iov_base = request_buf, .iov_len = message.request.iov_len};
    if (process_vm_readv(caller, &local, 1, &message.request, 1, 0) != (ssize_t) message.request.iov_len) {
        fuse_reply_err(req, EFAULT);
        return;
    }
    long answer = ask(request_buf, (uint32_t) message.request.iov_len);
    if (answer < 0) { fuse_reply_err(req, (int) -answer); return; }
    /* The driver silently truncates an answer to the caller's capacity and reports the length it copied. */
    size_t copied = (size_t) answer < message.response.iov_len ? (size_t) answer : message.response.iov_len;
    struct iovec out = {.iov_base = answer_buf, .iov_len = copied};
    struct iovec remote = {.iov_base = message.response.iov_base, .iov_len = copied};
    if (copied > 0 && process_vm_writev(caller, &out, 1, &remote, 1, 0) != (ssize_t) copied) {
        fuse_reply_err(req, EFAULT);
        return;
    }
    message.response.iov_len = copied;
    fuse_reply_ioctl(req, 0, &message, sizeof message);
}

static const struct fuse_lowlevel_ops ops = {
    .getattr = nsm_getattr,
    .open = nsm_open,
    .ioctl = nsm_ioctl,
};

int main(int argc, char *argv[]) {
    if (argc != 3 || atoi(argv[2]) <= 0) {
        fprintf(stderr, "usage: nsm-fuse MOUNT_FILE TIMEOUT_MS\n");
        return 2;
    }
    timeout_ms = atoi(argv[2]);
    char *fuse_argv[] = {argv[0], "-o", "fsname=nsm-fuse,subtype=nsm", NULL};
    struct fuse_args args = FUSE_ARGS_INIT(3, fuse_argv);
    struct fuse_session *se = fuse_session_new(&args, &ops, sizeof ops, NULL);
    if (se == NULL) return 1;
    int rc = 1;
    if (fuse_set_signal_handlers(se) == 0) {
        if (fuse_session_mount(se, argv[1]) == 0) {
            unsigned char ready[8] = {0};
            if (write_all(STDOUT_FILENO, ready, sizeof ready) == 0) {
                rc = fuse_session_loop(se) == 0 ? 0 : 1;
            }
            fuse_session_unmount(se);
        }
        fuse_remove_signal_handlers(se);
    }
    fuse_session_destroy(se);
    return rc;
}
