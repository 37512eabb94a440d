#!/bin/sh
# Builds the test guest of route B (issue 12): a Debian kernel and an initramfs in which the agent's jar runs with a
# CUSE /dev/nsm and talks vsock to itself over CID 1. Everything comes from Debian packages or from this
# repository's build:
#   - the kernel (linux-image-amd64's current version) and busybox-static, fetched with 'apt-get download' into
#     target/guest/debs and unpacked there with 'dpkg-deb -x': nothing is installed on the host for them;
#   - a JRE made with jlink from the host's JDK 17 (java.base, jdk.unsupported, java.logging) with its CDS archive;
#   - the host's glibc and libfuse3 (Debian's), the shared libraries the JRE and the CUSE server load;
#   - the agent's shaded jar, the guest driver (test classes in dev/nitroattest/guest, and the NsmFrames,
#     RawAgentClient and EchoListener helpers of dev/nitroattest/testing) with its classpath (the module's test classpath without
#     JUnit, which the guest-kernel profile lists in target/guest-driver.classpath:
#     the emulated NSM is not in the agent's jar), the CUSE server (src/test/native/nsm-cuse, built with make).
# Needs on the host: JDK 17 with jmods (Debian's openjdk-17-jdk-headless), apt-get and dpkg-deb, gcc, make,
# pkg-config and libfuse3-dev. It reads nothing outside the repository but the JDK, those libraries and Debian.
#
# Usage (from enclave-agent, after the package step with -Pguest-kernel, which makes target/enclave-agent.jar,
# target/test-classes and target/guest-driver.classpath):
#   sh src/test/guest/build-guest.sh
# Output: target/guest/vmlinuz and target/guest/initramfs.cpio, booted by src/test/guest/run-guest.sh. The initramfs
# ends with the customer ramdisk of the agent's enclave image (target/guest/customer-ramdisk.cpio, with the image's
# PCRs in target/guest/image-pcrs.txt), which GuestKernelIT builds with the image builder before it runs this.
# The versions of the Debian packages used are written to target/guest/versions.txt.
set -eu
cd "$(dirname "$0")/../../.."
JDK=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
OUT=target/guest
ROOT=$OUT/root
# All files in the image get this time, so that only what the inputs change differs from one build to the next:
# the files are then the same except the JRE's CDS archive, which JDK 17 does not write byte for byte the same
# (busybox's cpio also numbers the entries after the build folder's inodes).
EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

fail() {
    echo "build-guest: $*" >&2
    exit 1
}

[ -f target/enclave-agent.jar ] || fail "target/enclave-agent.jar is missing; run './mvnw -B -pl enclave-agent -am package -DskipTests' first."
[ -d target/test-classes/dev/nitroattest/guest ] || fail "the guest driver's classes are missing from target/test-classes; run the package step first."
[ -s target/guest-driver.classpath ] || fail "target/guest-driver.classpath is missing; run the package step with -Pguest-kernel first."
[ -s target/guest/customer-ramdisk.cpio ] && [ -s target/guest/image-pcrs.txt ] \
    || fail "target/guest/customer-ramdisk.cpio or image-pcrs.txt is missing; GuestKernelIT writes them first."
[ -x "$JDK/bin/jlink" ] && [ -d "$JDK/jmods" ] || fail "$JDK has no jlink and jmods; install openjdk-17-jdk-headless or set JDK17_HOME."
command -v dpkg-deb >/dev/null && command -v apt-get >/dev/null || fail "apt-get and dpkg-deb are needed to fetch the Debian packages."

mkdir -p "$OUT/debs"
# The kernel version is the one Debian's bookworm metapackage points at today; the image records it.
if ! KERNEL_PACKAGE=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1) \
        || [ -z "$KERNEL_PACKAGE" ]; then
    apt-get update -qq || fail "apt-get update failed, so the kernel package cannot be found."
    KERNEL_PACKAGE=$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1)
fi
[ -n "$KERNEL_PACKAGE" ] || fail "linux-image-amd64 names no kernel package in the apt lists."
KVERSION=${KERNEL_PACKAGE#linux-image-}
for package in "$KERNEL_PACKAGE" busybox-static; do
    if ! ls "$OUT/debs/${package}_"*.deb >/dev/null 2>&1; then
        # apt's download sandbox user cannot write into target/, and needs not: the files are only unpacked.
        (cd "$OUT/debs" && apt-get download -q -o APT::Sandbox::User=root "$package") \
            || fail "'apt-get download $package' failed."
    fi
done
KERNEL_DEB=$(ls "$OUT/debs/${KERNEL_PACKAGE}_"*.deb | head -n 1)
BUSYBOX_DEB=$(ls "$OUT/debs/busybox-static_"*.deb | head -n 1)

rm -rf "$ROOT" "$OUT/unpacked"
mkdir -p "$OUT/unpacked/kernel" "$OUT/unpacked/busybox"
dpkg-deb -x "$KERNEL_DEB" "$OUT/unpacked/kernel"
dpkg-deb -x "$BUSYBOX_DEB" "$OUT/unpacked/busybox"
{
    echo "kernel: $(dpkg-deb -f "$KERNEL_DEB" Package) $(dpkg-deb -f "$KERNEL_DEB" Version)"
    echo "busybox-static: $(dpkg-deb -f "$BUSYBOX_DEB" Version)"
    echo "jdk: $("$JDK/bin/java" -version 2>&1 | head -n 1)"
    echo "libc6: $(dpkg-query -W -f '${Version}' libc6 2>/dev/null || echo unknown)"
    echo "libfuse3-3: $(dpkg-query -W -f '${Version}' libfuse3-3 2>/dev/null || echo unknown)"
} >"$OUT/versions.txt"
cp "$OUT/unpacked/kernel/boot/vmlinuz-$KVERSION" "$OUT/vmlinuz"

mkdir -p "$ROOT/bin" "$ROOT/sbin" "$ROOT/usr/bin" "$ROOT/usr/sbin" "$ROOT/proc" "$ROOT/sys" "$ROOT/dev" "$ROOT/tmp" \
    "$ROOT/lib/modules" "$ROOT/opt/agent" "$ROOT/opt/guest"
cp "$OUT/unpacked/busybox/bin/busybox" "$ROOT/bin/busybox"
# The vsock core, the transport shared by virtio and loopback, the loopback transport for CID 1, then FUSE and
# CUSE: the guest has no vsock device, so loopback is its only transport and nothing leaves it.
for module in net/vmw_vsock/vsock net/vmw_vsock/vmw_vsock_virtio_transport_common net/vmw_vsock/vsock_loopback \
        fs/fuse/fuse fs/fuse/cuse; do
    cp "$OUT/unpacked/kernel/lib/modules/$KVERSION/kernel/$module.ko" "$ROOT/lib/modules/" \
        || fail "the kernel package has no $module.ko."
done

# The CUSE server, built like the FUSE one.
make -s -C src/test/native/nsm-cuse OUT="$PWD/$OUT/nsm-cuse" || fail "the CUSE server does not build (install gcc, make, pkg-config and libfuse3-dev)."
cp "$OUT/nsm-cuse" "$ROOT/opt/guest/nsm-cuse"

# The JRE: only what the agent and the driver use. No compression, so that classes load without inflating
# (TCG makes every instruction dear); the CDS archive is made below, after the files' times are fixed.
"$JDK/bin/jlink" --add-modules java.base,jdk.unsupported,java.logging --strip-debug --no-man-pages \
    --no-header-files --output "$ROOT/jre" || fail "jlink could not make the guest's JRE."

cp target/enclave-agent.jar "$ROOT/opt/agent/enclave-agent.jar"
mkdir -p "$ROOT/opt/guest/lib"
for jar in $(tr ':' ' ' <target/guest-driver.classpath); do
    case "$jar" in
        *.jar) [ -f "$jar" ] || fail "the guest driver's classpath names $jar, which does not exist." ;;
        *) fail "the guest driver's classpath names $jar, which is not a jar; run the package phase, not compile." ;;
    esac
    cp "$jar" "$ROOT/opt/guest/lib/"
done
# With the three test helpers it shares with the agent's tests on the host: the NSM servers' frame protocol, the raw
# agent client for hostile frames and bridged bytes, and the bridge's echo destination (not the rest of
# dev/nitroattest/testing, which needs JUnit).
shared=$(cd target/test-classes && ls dev/nitroattest/testing/NsmFrames*.class \
    dev/nitroattest/testing/RawAgentClient*.class dev/nitroattest/testing/EchoListener*.class) \
    || fail "the test helpers the guest driver uses are missing from target/test-classes; run the package step first."
helpers=$(for class in $shared; do printf -- '-C target/test-classes %s ' "$class"; done)
# shellcheck disable=SC2086 # split on purpose: the class files' names have no spaces
"$JDK/bin/jar" --create --date=2026-01-01T00:00:00Z --file "$ROOT/opt/guest/guest-driver.jar" \
    -C target/test-classes dev/nitroattest/guest $helpers || fail "the guest driver's jar could not be made."

# The shared libraries (glibc, zlib, libfuse3) at the host's paths, so that the loader finds them as on the host.
libraries() {
    for binary in "$ROOT/jre/bin/java" "$ROOT"/jre/lib/*.so "$ROOT/jre/lib/server/libjvm.so" "$ROOT/opt/guest/nsm-cuse"; do
        ldd "$binary" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p'
    done | sort -u
}
for library in $(libraries); do
    mkdir -p "$ROOT$(dirname "$library")"
    cp -L "$library" "$ROOT$library"
done
# JNA's own native library, unpacked from its jar at run time, needs libc and the loader only, which are there.

cp src/test/guest/init "$ROOT/init"
cp src/test/guest/aws-init-stand-in "$ROOT/opt/guest/aws-init-stand-in"
chmod 755 "$ROOT/init" "$ROOT/opt/guest/aws-init-stand-in"
cp target/guest/image-pcrs.txt "$ROOT/opt/guest/image-pcrs.txt"

find "$ROOT" -exec touch -h -d "@$EPOCH" {} +
"$ROOT/jre/bin/java" -Xshare:dump -XX:SharedArchiveFile="$ROOT/jre/lib/server/classes.jsa" >"$OUT/cds.log" 2>&1 \
    || fail "the JRE's CDS archive could not be made (see $OUT/cds.log)."
touch -d "@$EPOCH" "$ROOT/jre/lib/server/classes.jsa"

# Uncompressed: the kernel only copies it, where unpacking gzip would cost seconds under TCG.
# Then the customer ramdisk of the agent's image, as it is in the image: the kernel unpacks one archive after the
# other, as an enclave's unpacks the bootstrap ramdisk and then the customer ramdisk, so rootfs/, cmd and env land
# at / beside the guest's own files (none of which has those names).
(cd "$ROOT" && find . -mindepth 1 | LC_ALL=C sort | "$PWD/bin/busybox" cpio -o -H newc 2>/dev/null) \
    >"$OUT/initramfs.cpio" || fail "the initramfs could not be written."
cat target/guest/customer-ramdisk.cpio >>"$OUT/initramfs.cpio" || fail "the customer ramdisk could not be appended."
echo "build-guest: $OUT/vmlinuz ($KVERSION) and $OUT/initramfs.cpio ($(du -m "$OUT/initramfs.cpio" | cut -f1) MiB)"
