#!/bin/sh
# Boots the test guest that build-guest.sh made, under QEMU with TCG (no KVM), and prints its console on standard
# output; QEMU ends when the guest powers off. The guest gets no network device and no vsock device: its vsock
# traffic stays in its own kernel (CID 1), and nothing leaves it.
#
# Usage (from enclave-agent): sh src/test/guest/run-guest.sh [ROUNDS]
#   ROUNDS  round trips the driver measures (default 1000; the documents measured are ROUNDS / 20, at least 5).
set -eu
cd "$(dirname "$0")/../../.."
ROUNDS=${1:-1000}
[ -f target/guest/vmlinuz ] && [ -f target/guest/initramfs.cpio ] \
    || { echo "run-guest: target/guest has no image; run src/test/guest/build-guest.sh first." >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null \
    || { echo "run-guest: qemu-system-x86_64 is missing; install Debian's qemu-system-x86." >&2; exit 1; }
# -cpu max gives the guest RDRAND, so its random pool is ready at once; one vCPU was as fast as two under TCG.
exec qemu-system-x86_64 -accel tcg -cpu max -smp 1 -m 1024 -nodefaults -no-user-config -display none \
    -serial stdio -monitor none -nic none -no-reboot \
    -kernel target/guest/vmlinuz -initrd target/guest/initramfs.cpio \
    -append "console=ttyS0 quiet loglevel=4 panic=-1 mitigations=off random.trust_cpu=on guest.rounds=$ROUNDS" \
    </dev/null
