#!/usr/bin/env bash
# Builds the live ISO's OS layer (or finds it in the cache): a Debian bookworm minbase root with the
# packages of os-packages.txt, squashed, plus the kernel and live-boot initramfs taken out of it.
#
# Usage: build-os-layer.sh [--cache-dir DIR]
# Prints the layer's directory on its last stdout line; logs go to stderr. The directory holds
# filesystem.squashfs, vmlinuz, initrd.img and packages.txt (name version arch per installed package).
# Cached under DIR (default ${XDG_CACHE_HOME:-~/.cache}/cos-installer/live-iso) by a key made of this
# script and os-packages.txt: an unchanged rebuild only checks the key. Needs root (debootstrap,
# chroot), debootstrap and squashfs-tools. Touches no disk: everything happens in the cache directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/cos-installer/live-iso"
mirror="${COS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite=bookworm

usage() { echo "usage: $0 [--cache-dir DIR]" >&2; exit 2; }
while (($#)); do
    case "$1" in
        --cache-dir) (($# >= 2)) || usage; cache_dir="$2"; shift 2 ;;
        *) usage ;;
    esac
done
log() { echo "build-os-layer: $*" >&2; }
[[ $EUID -eq 0 ]] || { log "run as root (debootstrap and chroot need it)"; exit 1; }

mkdir -p "$cache_dir"
cache_dir="$(cd "$cache_dir" && pwd)"
key="$(cat "$here/build-os-layer.sh" "$here/os-packages.txt" | sha256sum | cut -c1-16)"
layer="$cache_dir/os-$key"
if [[ -f "$layer/filesystem.squashfs" ]]; then  # only complete layers get this name
    echo "$layer"
    exit 0
fi
mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/os-packages.txt" | grep -v '^$')

work="$(mktemp -d "$cache_dir/build.XXXXXX")"
root="$work/root"
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" || umount -l "${mounted[i]}" || true; done
    rm -rf "$work"
}
trap cleanup EXIT
start=$SECONDS

log "debootstrap $suite (minbase) into $root"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >&2

# No documentation, manuals or translations in the image (the copyright files stay).
cat > "$root/etc/dpkg/dpkg.cfg.d/01-live-iso-nodoc" <<'EOF'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
EOF
# Services must not start inside the chroot.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mounted+=("$root/proc")
mount -t sysfs sysfs "$root/sys"
mounted+=("$root/sys")

log "apt-get install ${#packages[@]} packages"
chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get install -y -q --no-install-recommends "${packages[@]}" >&2

# The unprivileged user the wizard runs as (the engine runs through pkexec).
chroot "$root" useradd --create-home --shell /bin/bash --comment "cOS installer" installer
echo cos-live > "$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tcos-live\n' > "$root/etc/hosts"
# Empty: systemd makes a fresh one at each boot.
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"

chroot "$root" dpkg-query -W -f '${Package} ${Version} ${Architecture}\n' > "$work/packages.txt"
for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}"; done
mounted=()
rm -f "$root/usr/sbin/policy-rc.d"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old "$root"/var/log/*.log "$root"/tmp/*

mkdir -p "$work/layer"
cp "$root"/boot/vmlinuz-* "$work/layer/vmlinuz"
cp "$root"/boot/initrd.img-* "$work/layer/initrd.img"
mv "$work/packages.txt" "$work/layer/"
log "mksquashfs (zstd)"
# /boot is on the ISO itself (vmlinuz, initrd.img); the root does not need a second copy.
mksquashfs "$root" "$work/layer/filesystem.squashfs" -comp zstd -noappend -quiet -e boot >&2
mv "$work/layer" "$layer"
log "OS layer $layer built in $((SECONDS - start)) s ($(du -m "$layer/filesystem.squashfs" | cut -f1) MiB squashed)"
echo "$layer"
