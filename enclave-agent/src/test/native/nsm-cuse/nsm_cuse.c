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
 * single source of truth), in the frames of ../nsm-frames/nsm_frames.h, nsm-fuse's too; the ready frame says that
 * the kernel has made the device.
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

#include "nsm_frames.h"

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
