#!/usr/bin/env bash
# Builds the live installer ISO: a hybrid BIOS+UEFI Debian bookworm live system that boots straight
# into the installer wizard (full screen, as the unprivileged user `installer`; the engine runs
# through pkexec) with the demo OS image bundled as the default image.
#
# Usage: build-live-iso.sh [--deb FILE] [--output FILE] [--cache-dir DIR] [--debug]
#   --deb FILE      the cos-installer .deb to put on it (default: build one with ../build-packages.sh)
#   --output FILE   the ISO (default: packaging/target/cos-installer-live.iso)
#   --cache-dir DIR the OS layer and demo image caches (default ${XDG_CACHE_HOME:-~/.cache}/cos-installer)
#   --debug         also rootfs-debug/: a unit that reports processes and logs on the serial console
#                   (for diagnosis; never for a released ISO)
# Prints the ISO's path on its last stdout line, and its size and the build time on stderr. Needs root
# (debootstrap, chroot), debootstrap, squashfs-tools, xorriso, grub-pc-bin, grub-efi-amd64-bin, mtools, xvfb,
# umoci (the demo image's OCI layout).
#
# Layers (live-boot stacks /live/*.squashfs in name order, later ones on top):
#   00-os.squashfs   Debian packages of os-packages.txt + the `installer` user: build-os-layer.sh,
#                    cached by a key of that script and the package list (cold build about 5 min)
#   10-app.squashfs  the .deb's files (dpkg -x), the demo image as an OCI layout, rootfs/ (systemd units for
#                    X and the wizard, the live polkit rule): rebuilt every time, in seconds
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deb=""
output="$here/../target/cos-installer-live.iso"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/cos-installer"
debug=false
usage() { echo "usage: $0 [--deb FILE] [--output FILE] [--cache-dir DIR] [--debug]" >&2; exit 2; }
while (($#)); do
    case "$1" in
        --deb) (($# >= 2)) || usage; deb="$2"; shift 2 ;;
        --output) (($# >= 2)) || usage; output="$2"; shift 2 ;;
        --cache-dir) (($# >= 2)) || usage; cache_dir="$2"; shift 2 ;;
        --debug) debug=true; shift ;;
        *) usage ;;
    esac
done
log() { echo "build-live-iso: $*" >&2; }
[[ $EUID -eq 0 ]] || { log "run as root (the OS layer needs debootstrap and chroot)"; exit 1; }
start=$SECONDS

# One OS layer build at a time per cache (.ci/test starts one beside the Java build; this one then waits
# for it and finds the layer cached).
mkdir -p "$cache_dir/live-iso"
layer="$(flock "$cache_dir/live-iso/.build.lock" "$here/build-os-layer.sh" --cache-dir "$cache_dir/live-iso" | tail -n1)"
log "OS layer: $layer ($((SECONDS - start)) s)"
if [[ -z "$deb" ]]; then
    deb="$("$here/../build-packages.sh" | tail -n1)"
fi
[[ -f "$deb" ]] || { log "$deb not found"; exit 1; }

# Every dependency of the .deb must be in the OS layer (the app layer only unpacks the .deb).
missing=()
IFS=',' read -ra depends <<< "$(dpkg-deb -f "$deb" Depends)"
for dependency in "${depends[@]}"; do
    found=false
    IFS='|' read -ra alternatives <<< "$dependency"
    for alternative in "${alternatives[@]}"; do
        name="$(sed -e 's/(.*)//' -e 's/:.*//' -e 's/[[:space:]]//g' <<< "$alternative")"
        if grep -q "^$name " "$layer/packages.txt"; then found=true; fi
    done
    $found || missing+=("$(sed 's/^ *//' <<< "$dependency")")
done
if ((${#missing[@]})); then
    log "the OS layer lacks what $(basename "$deb") depends on: ${missing[*]} (add them to os-packages.txt)"
    exit 1
fi

demo_layout="$("$here/../demo-image/build-demo-oci.sh" --cache-dir "$cache_dir/demo-image" | tail -n1)"
[[ -f "$demo_layout/index.json" ]] || { log "the demo image build gave no OCI layout ($demo_layout)"; exit 1; }

mkdir -p "$(dirname "$output")"
output="$(cd "$(dirname "$output")" && pwd)/$(basename "$output")"
work="$(mktemp -d "$(dirname "$output")/live-iso.XXXXXX")"
archive_loop=""
# Never remove the work tree through a mount that an interrupted build left behind.
cleanup() {
    local mounted
    for mounted in "$work/root/tmp/.X11-unix" "$work/root/proc" "$work/root" "$work/os"; do
        ! mountpoint -q "$mounted" || umount "$mounted" || { log "left $mounted mounted (and $work)"; return; }
    done
    [[ -z "$archive_loop" ]] || losetup -d "$archive_loop" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The app layer.
app="$work/app"
mkdir -p "$app"
dpkg-deb -x "$deb" "$app"
# The bundled default image, as the family ships its systems: an OCI image layout. build-demo-image.sh
# next to it answers with oci-dir:.../prebuilt-oci:VERSION (see there), so an install that names no
# source pulls it from the layout, offline.
cp -a "$demo_layout" "$app/usr/lib/cos-installer/demo-image/prebuilt-oci"
cp -a "$here/rootfs/." "$app/"
units=(cos-xorg.service cos-installer-gui.service)
if $debug; then
    cp -a "$here/rootfs-debug/." "$app/"
    units+=(cos-debug-report.service)
fi
# Periodic maintenance a live system does not need; its timers are "persistent" and would all run
# at boot, next to the wizard.
for unit in e2scrub_all.timer e2scrub_reap.service dpkg-db-backup.timer apt-daily.timer apt-daily-upgrade.timer fstrim.timer; do
    ln -s /dev/null "$app/etc/systemd/system/$unit"
done
# Start-up work a live system that only runs the wizard does not need. Each of these costs seconds on
# one slow or emulated CPU, and the first two sat on the path to the X server (systemd-analyze
# critical-chain): the users exist already (the packages made them), the root is live-boot's overlay
# (nothing to remount), the API file systems and modules here are for other programs (the engine's
# loop module is loaded by live-boot), a live system keeps no utmp, random seed or persistent journal,
# and nobody logs in on a console (no passwords; the wizard is the only face).
for unit in systemd-sysusers.service systemd-remount-fs.service systemd-modules-load.service kmod-static-nodes.service \
    modprobe@.service dev-hugepages.mount dev-mqueue.mount sys-kernel-debug.mount sys-kernel-tracing.mount \
    sys-kernel-config.mount sys-fs-fuse-connections.mount systemd-journal-flush.service systemd-random-seed.service \
    systemd-update-utmp.service systemd-update-utmp-runlevel.service getty@.service serial-getty@.service; do
    ln -s /dev/null "$app/etc/systemd/system/$unit"
done
# No ifupdown on the live system: live-boot's network preconfiguration wants the directory all the same.
mkdir -p "$app/etc/network"
mkdir -p "$app/etc/systemd/system/multi-user.target.wants"
for unit in "${units[@]}"; do
    ln -s "../$unit" "$app/etc/systemd/system/multi-user.target.wants/$unit"
done
chmod 0755 "$app" "$app/etc" "$app/etc/systemd" "$app/etc/systemd/system" "$app/etc/polkit-1" "$app/etc/polkit-1/rules.d"
chmod 0644 "$app"/etc/systemd/system/*.service "$app"/etc/polkit-1/rules.d/*.rules

# The JVMs on the live system: the engine's with the quick JIT and the serial GC (a start in seconds,
# not minutes, on one emulated or slow CPU shared with the wizard), and class-data-sharing archives
# for the engine and the wizard, made where they run: inside the live root (an archive records its
# jars' paths, sizes and times), i.e. an overlay of the two layers, by a training run of each.
mkdir -p "$app/etc/cos-installer"
cat > "$app/etc/cos-installer/java-options" <<'EOF_OPTIONS'
# Read by /usr/lib/cos-installer/bin/cos-installer (the live ISO's engine): see build-live-iso.sh.
-XX:TieredStopAtLevel=1 -XX:+UseSerialGC
EOF_OPTIONS
# The wizard's JVM options: cos-installer-gui.service's JAVA_TOOL_OPTIONS, without the archive.
gui_options="$(sed -n 's/^Environment="JAVA_TOOL_OPTIONS=\(.*\) -XX:SharedArchiveFile=[^ "]*\(.*\)"$/\1\2/p' "$app/etc/systemd/system/cos-installer-gui.service")"
[[ -n "$gui_options" ]] || { log "cos-installer-gui.service sets no JAVA_TOOL_OPTIONS with -XX:SharedArchiveFile"; exit 1; }
live_root="$work/root"
live_root_mounts=()
mount_live_root() {
    local os="$work/os" upper="$work/upper" overlay_work="$work/overlay-work"
    mkdir -p "$os" "$upper" "$overlay_work" "$live_root"
    archive_loop="$(losetup --find --show --read-only "$layer/filesystem.squashfs")"
    mount -t squashfs -o ro "$archive_loop" "$os" && live_root_mounts+=("$os") || return 1
    mount -t overlay overlay -o "lowerdir=$app:$os,upperdir=$upper,workdir=$overlay_work" "$live_root" && live_root_mounts+=("$live_root") || return 1
    mount -t proc proc "$live_root/proc" && live_root_mounts+=("$live_root/proc")
}
umount_live_root() {
    local i
    for ((i = ${#live_root_mounts[@]} - 1; i >= 0; i--)); do umount "${live_root_mounts[i]}"; done
    live_root_mounts=()
    [[ -z "$archive_loop" ]] || losetup -d "$archive_loop"
    archive_loop=""
}
# Runs "$@" (a `cos-installer serve` command line) as a client of its session: reads the ready line,
# sends REQUEST (a JSON array of arguments) with the session's token, closes its stdin and waits;
# every line it writes goes to LOG. Exit 0 when the session ended by itself with 0.
serve_one_request() {
    local request=$1 log=$2 ready token=
    shift 2
    coproc session { "$@" 2>&1; }
    local pid=$session_PID out=${session[0]} in=${session[1]}
    : > "$log"
    # Its stderr comes on the same pipe: lines before the ready line are only logged.
    while IFS= read -r ready <&"$out"; do
        printf '%s\n' "$ready" >> "$log"
        token=$(sed -n 's/^{"ready":true,.*"token":"\([0-9a-f]*\)".*/\1/p' <<< "$ready")
        [[ -z "$token" ]] || break
    done
    [[ -n "${token:-}" ]] || { log "the engine ended before its ready line"; wait "$pid"; return 1; }
    printf '{"token":"%s","args":%s}\n' "$token" "$request" >&"$in"
    exec {in}>&-
    cat <&"$out" >> "$log"
    wait "$pid"
}
# The engine as the wizard runs it: one `serve` session (docs/engine-session.md), here answering the
# one request that looks at nothing but the live root.
make_engine_archive() {
    # shellcheck disable=SC2046
    serve_one_request '["check","--json"]' "$work/engine-archive.log" \
        chroot "$live_root" /usr/lib/cos-installer/lib/runtime/bin/java $(sed -e 's/#.*//' "$app/etc/cos-installer/java-options") \
        -XX:ArchiveClassesAtExit=/usr/lib/cos-installer/lib/engine.jsa -Xlog:disable -Xlog:all=error:stderr \
        -jar /usr/lib/cos-installer/cos-installer.jar serve \
        || { cat "$work/engine-archive.log" >&2; log "making the engine's class-data-sharing archive failed"; return 1; }
    # -Xshare:on fails when the archive does not fit this runtime and jar (the launcher's -Xshare:auto
    # would silently start without it).
    chroot "$live_root" /usr/lib/cos-installer/lib/runtime/bin/java -XX:SharedArchiveFile=/usr/lib/cos-installer/lib/engine.jsa \
        -Xshare:on -jar /usr/lib/cos-installer/cos-installer.jar --version >> "$work/engine-archive.log" 2>&1 \
        || { cat "$work/engine-archive.log" >&2; log "the engine's class-data-sharing archive does not load"; return 1; }
}
# Runs the wizard in the live root on a private Xvfb display until its welcome page is up, then ends
# it with SIGTERM (the JVM still runs its exit work, which writes an -XX:ArchiveClassesAtExit
# archive). Its engine is /bin/true: the training run must not look at this machine's disks.
# Usage: run_wizard_once LOG JVM-OPTIONS...
run_wizard_once() {
    local log_file="$1" xvfb display pid i=0 ok=false
    shift
    mkdir -p "$live_root/tmp/.X11-unix"
    rm -f "$work/xvfb-display"
    Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3> "$work/xvfb-display" 2> "$work/xvfb.log" &
    xvfb=$!
    # Xvfb writes the display number it chose to fd 3 when it is ready.
    while ! grep -qs '[0-9]' "$work/xvfb-display" && ((i++ < 100)); do sleep 0.1; done
    display="$(cat "$work/xvfb-display")"
    if [[ -n "$display" ]] && mount --bind /tmp/.X11-unix "$live_root/tmp/.X11-unix"; then
        chroot "$live_root" /usr/bin/env -i DISPLAY=":$display" HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
            "JAVA_TOOL_OPTIONS=$gui_options -Dcos.engine=/bin/true $*" \
            /usr/lib/cos-installer/bin/cos-installer-gui --kiosk > "$log_file" 2>&1 &
        pid=$!
        for ((i = 0; i < 1200; i++)); do
            if grep -q "wizard: page WELCOME" "$log_file"; then ok=true; break; fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        # A moment for the first frames (their classes belong in the archive too).
        ! $ok || sleep 3
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" || true
        umount "$live_root/tmp/.X11-unix"
    else
        cat "$work/xvfb.log" >&2
    fi
    kill -TERM "$xvfb" 2>/dev/null || true
    wait "$xvfb" || true
    $ok
}
make_gui_archive() {
    run_wizard_once "$work/gui-archive.log" -XX:ArchiveClassesAtExit=/usr/lib/cos-installer/lib/gui.jsa \
        || { cat "$work/gui-archive.log" >&2; log "the wizard's training run showed no welcome page"; return 1; }
    [[ -f "$work/upper/usr/lib/cos-installer/lib/gui.jsa" ]] || { cat "$work/gui-archive.log" >&2; log "the wizard wrote no class-data-sharing archive"; return 1; }
    run_wizard_once "$work/gui-archive-check.log" -XX:SharedArchiveFile=/usr/lib/cos-installer/lib/gui.jsa -Xshare:on \
        || { cat "$work/gui-archive-check.log" >&2; log "the wizard's class-data-sharing archive does not load"; return 1; }
}
mount_live_root || { umount_live_root; log "cannot mount the live root (overlay of the OS and app layers)"; exit 1; }
make_engine_archive && make_gui_archive || { umount_live_root; log "no class-data-sharing archives"; exit 1; }
umount_live_root
for archive in engine.jsa gui.jsa; do
    install -m 0644 "$work/upper/usr/lib/cos-installer/lib/$archive" "$app/usr/lib/cos-installer/lib/$archive"
done

# The ISO tree: kernel, initramfs (live-boot), layers, GRUB menu (BIOS and UEFI: grub-mkrescue).
iso="$work/iso"
mkdir -p "$iso/live" "$iso/boot/grub"
cp "$layer/vmlinuz" "$iso/live/vmlinuz"
cp "$layer/initrd.img" "$iso/live/initrd.img"
ln "$layer/filesystem.squashfs" "$iso/live/00-os.squashfs" 2>/dev/null || cp "$layer/filesystem.squashfs" "$iso/live/00-os.squashfs"
# A low zstd level: the app layer is rebuilt on every change and is small either way.
mksquashfs "$app" "$iso/live/10-app.squashfs" -comp zstd -Xcompression-level 3 -noappend -quiet >&2
cat > "$iso/boot/grub/grub.cfg" <<'EOF'
set default=0
set timeout=2
insmod all_video
menuentry "cOS installer (live)" {
    linux /live/vmlinuz boot=live console=tty1 console=ttyS0,115200n8
    initrd /live/initrd.img
}
EOF
rm -f "$output"
grub-mkrescue --output="$output" "$iso" -- -volid COS_LIVE 2> "$work/grub-mkrescue.log" \
    || { cat "$work/grub-mkrescue.log" >&2; exit 1; }
log "ISO $output: $(du -m "$output" | cut -f1) MiB (OS layer $(du -m "$iso/live/00-os.squashfs" | cut -f1) MiB, app layer $(du -m "$iso/live/10-app.squashfs" | cut -f1) MiB), built in $((SECONDS - start)) s"
echo "$output"
