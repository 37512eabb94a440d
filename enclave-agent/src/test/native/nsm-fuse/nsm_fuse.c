/*
 * nsm-fuse: a FUSE file that answers the NSM driver's one ioctl, 0xC0200A00, the way /dev/nsm does, so that the
 * agent's real device code (NsmDevice and its JNA ioctl) can be exercised through the kernel on a machine without
 * an NSM. Test-only; part of nitro-attest.
 *
 * Usage: nsm-fuse MOUNT_FILE TIMEOUT_MS
 *   MOUNT_FILE  an existing regular file; the FUSE file is mounted over it.
 *   TIMEOUT_MS  how long to wait for an answer before failing the ioctl with ETIMEDOUT (the driver waits 120 s).
 *
 * The NSM's answers come from the process that started us, over our standard streams, in the frames of
 * ../nsm-frames/nsm_frames.h (it runs the project's emulated NSM, so the emulator stays the single source of truth);
 * the ready frame says that the mount is made.
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

#include "nsm_frames.h"

static unsigned char request_buf[NSM_REQUEST_MAX];

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
