/*
 * What the test-only NSM servers (nsm-fuse, a FUSE file; nsm-cuse, a CUSE character device) share: the NSM ioctl's
 * number and struct, and the frame protocol with the Java process that answers with the emulated NSM, over the
 * server's standard streams (little-endian):
 *   stdout, one frame per ioctl:  u32 sequence, u32 length, request bytes
 *   stdin,  one frame per answer: u32 sequence, i32 status, u32 length, bytes  (status < 0: fail with -status)
 * A frame with sequence 0 and length 0 on stdout announces that the device is ready. Answers whose sequence is not
 * the one awaited (late answers to a request that timed out) are read and dropped. Test-only; part of nitro-attest.
 * Each server sets timeout_ms before its first ask().
 */
#ifndef NSM_FRAMES_H
#define NSM_FRAMES_H

#include <errno.h>
#include <poll.h>
#include <stdint.h>
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

#endif
