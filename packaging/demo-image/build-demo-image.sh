#!/usr/bin/env bash
# Builds the demo cOS root tree from Debian packages only (the kernel, busybox-static), without
# installing anything on the host: the .deb files come from `apt-get download` and are unpacked with
# `dpkg-deb -x`. The tree holds /boot/vmlinuz, /boot/initrd (a busybox initramfs that follows the
# runtime contract of docs: cos-layout.md section 8), a busybox userland, /sbin/init and
# /etc/os-release.
#
# Usage: build-demo-image.sh [--version V] [--cache-dir DIR]
# Prints the absolute path of the finished tree on its last stdout line (a bundled OCI layout: the
# source oci-dir:DIR:VERSION); logs go to stderr.
# The tree is cached under DIR (default: ${XDG_CACHE_HOME:-~/.cache}/cos-installer/demo-image) by a
# key made of these scripts, the .deb file names (name_version_arch) and V: an unchanged rebuild only
# checks the key. Needs apt-get, apt-cache, dpkg-deb and gzip; works as root and as a plain user.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="1.0"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/cos-installer/demo-image"

usage() { echo "usage: $0 [--version V] [--cache-dir DIR]" >&2; exit 2; }
while (($#)); do
    case "$1" in
        --version) (($# >= 2)) || usage; version="$2"; shift 2 ;;
        --cache-dir) (($# >= 2)) || usage; cache_dir="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done
# A package or live ISO may ship the image prebuilt next to this script: as an OCI image layout
# (demo-image/prebuilt-oci, made by build-demo-oci.sh, the version as its tag; the live ISO does) or
# as a tree (demo-image/prebuilt, the version in its etc/os-release). It is the bundled image, used
# as it is for that version; for the layout the last line is the source to install, oci-dir:DIR:TAG.
if [[ -f "$here/prebuilt-oci/index.json" ]] \
    && grep -qF "\"org.opencontainers.image.ref.name\":\"$version\"" "$here/prebuilt-oci/index.json"; then
    echo "oci-dir:$here/prebuilt-oci:$version"
    exit 0
fi
if [[ -d "$here/prebuilt" ]] && grep -qx "VERSION_ID=\"\?$version\"\?" "$here/prebuilt/etc/os-release" 2>/dev/null; then
    echo "$here/prebuilt"
    exit 0
fi
[[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._+~-]*$ ]] || { echo "bad version: $version" >&2; exit 2; }

log() { echo "build-demo-image: $*" >&2; }
# As root, apt would try to download as _apt, which cannot write into a user's cache directory.
apt_opts=()
[[ $EUID -ne 0 ]] || apt_opts=(-o APT::Sandbox::User=root)

mkdir -p "$cache_dir/debs" "$cache_dir/resolved" "$cache_dir/trees"
cache_dir="$(cd "$cache_dir" && pwd)"
# One build at a time per cache: test JVMs running side by side (failsafe forks) ask for the same tree,
# and two apt-get downloads of one .deb into one directory would tread on each other.
exec {cache_lock}>"$cache_dir/.lock"
flock "$cache_lock"

# The modules the initramfs loads, in this order (their dependencies come first through modules.dep).
# pvpanic-pci first: a panic later in the boot then reaches the hypervisor.
modules=(pvpanic-pci crc32c_generic loop ext4 squashfs overlay
         scsi_mod sd_mod libata libahci ahci virtio_pci virtio_blk fat vfat nls_cp437 nls_iso8859-1)

# Which .deb files to use. Asking apt takes over a second here, so the answer is remembered per state
# of apt's package lists (any `apt-get update` that changes them asks again).
lists_stamp="$( { stat -c '%n %s %Y' /var/lib/apt/lists/*Packages* /etc/apt/preferences /etc/apt/preferences.d/* \
    2>/dev/null || true; } | sha256sum | cut -c1-16)"
resolved="$cache_dir/resolved/$lists_stamp"
if [[ ! -s "$resolved" ]]; then
    resolve() {
        local kernel empty
        kernel="$(apt-cache depends linux-image-amd64 2>/dev/null \
            | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n1)"
        [[ -n "$kernel" ]] || return 1
        # --print-uris leaves out files already in the current directory: ask from an empty one.
        empty="$(mktemp -d)"
        (cd "$empty" && apt-get download --print-uris "$kernel" busybox-static 2>/dev/null) | awk '{ print $2 }'
        rmdir "$empty"
    }
    names="$(resolve || true)"
    if [[ -z "$names" && $EUID -eq 0 ]]; then
        log "apt knows no linux-image-amd64: running apt-get update"
        apt-get update -qq >&2
        names="$(resolve || true)"
    fi
    [[ -n "$names" ]] || { log "cannot resolve linux-image-amd64 and busybox-static with apt (run apt-get update)"; exit 1; }
    echo "$names" > "$resolved.tmp"
    mv "$resolved.tmp" "$resolved"
fi
kernel_deb="$(grep '^linux-image-' "$resolved" | head -n1)"
busybox_deb="$(grep '^busybox-static_' "$resolved" | head -n1)"
[[ -n "$kernel_deb" && -n "$busybox_deb" ]] || { rm -f "$resolved"; log "resolution incomplete; try again"; exit 1; }

key="$( { cat "$here/build-demo-image.sh" "$here/initramfs-init.sh" "$here/system-init.sh";
          echo "$kernel_deb $busybox_deb $version"; } | sha256sum | cut -c1-16)"
tree="$cache_dir/trees/$version-$key"
if [[ -d "$tree" ]]; then  # only complete trees get this name (renamed into place at the end)
    touch "$tree"  # marks it used: pruning below spares trees used in the last week
    echo "$tree"
    exit 0
fi

# download FILE: fetches exactly the resolved version (NAME_VERSION_ARCH.deb, ':' written as %3a).
download() {
    local file="$1" package="${1%%_*}" package_version
    package_version="${file#*_}"
    package_version="${package_version%_*}"
    package_version="${package_version//%3a/:}"
    [[ -s "$cache_dir/debs/$file" ]] && return 0
    log "downloading $file"
    if ! (cd "$cache_dir/debs" && apt-get download -q "${apt_opts[@]}" "$package=$package_version" >&2) \
            && [[ $EUID -eq 0 ]]; then
        apt-get update -qq >&2
        (cd "$cache_dir/debs" && apt-get download -q "${apt_opts[@]}" "$package=$package_version" >&2)
    fi
    [[ -s "$cache_dir/debs/$file" ]] || { log "apt-get download did not produce $file"; exit 1; }
}
download "$kernel_deb"
download "$busybox_deb"

work="$(mktemp -d "$cache_dir/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log "building $tree"

dpkg-deb -x "$cache_dir/debs/$busybox_deb" "$work/busybox"
busybox="$work/busybox/bin/busybox"
[[ -x "$busybox" ]] || { log "$busybox_deb has no /bin/busybox"; exit 1; }
# Only the kernel image and the module directories that hold our modules and their dependencies
# (depmod on this subset is 4x faster than on all 4000 modules; a missing dependency fails below).
mkdir -p "$work/kernel"
dpkg-deb --fsys-tarfile "$cache_dir/debs/$kernel_deb" | tar -x -C "$work/kernel" --wildcards \
    './boot/vmlinuz-*' './lib/modules/*/modules.*' \
    './lib/modules/*/kernel/'{fs,lib,crypto,block}'/*' './lib/modules/*/kernel/drivers/'{ata,scsi,block,virtio,misc}'/*'
kver="$(cd "$work/kernel/lib/modules" && ls | head -n1)"
[[ -n "$kver" && -f "$work/kernel/boot/vmlinuz-$kver" ]] || { log "$kernel_deb has no kernel image"; exit 1; }
"$busybox" depmod -b "$work/kernel" "$kver"

# install_busybox ROOT: busybox as /bin/busybox plus a symlink for each applet (except init, which
# is ours in the system image).
install_busybox() {
    local root="$1" applet
    mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin"
    cp "$busybox" "$root/bin/busybox"
    while read -r applet; do
        [[ "$applet" == bin/busybox || -e "$root/$applet" || -L "$root/$applet" ]] && continue
        ln -s /bin/busybox "$root/$applet"
    done < <("$busybox" --list-full)
}

# --- the initramfs ---
initramfs="$work/initramfs"
install_busybox "$initramfs"
mkdir -p "$initramfs"/{dev,proc,sys,run,mnt,newroot,etc,lib/modules/"$kver"}
cp "$here/initramfs-init.sh" "$initramfs/init"
chmod 0755 "$initramfs/init"
moddir="$work/kernel/lib/modules/$kver"
for module in "${modules[@]}"; do
    # modules.dep lines: "kernel/path/m.ko: kernel/dep1.ko kernel/dep2.ko"
    line="$(grep -E "(^|/)${module}\.ko(\.[a-z]+)?:" "$moddir/modules.dep" | head -n1 || true)"
    [[ -n "$line" ]] || { log "module $module is not in $kernel_deb"; exit 1; }
    for path in ${line/:/}; do
        mkdir -p "$initramfs/lib/modules/$kver/$(dirname "$path")"
        cp -n "$moddir/$path" "$initramfs/lib/modules/$kver/$path"
    done
done
cp "$moddir/modules.builtin" "$moddir/modules.order" "$initramfs/lib/modules/$kver/"
"$busybox" depmod -b "$initramfs" "$kver"
printf '%s\n' "${modules[@]}" > "$initramfs/etc/modules"

# --- the system tree ---
root="$work/tree"
install_busybox "$root"
mkdir -p "$root"/{boot,dev,proc,sys,run,tmp,etc,var/log,var/tmp,srv,oem,usr/local,root,mnt,home}
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 0700 "$root/root"
cp "$work/kernel/boot/vmlinuz-$kver" "$root/boot/vmlinuz"
# newc with owner 0:0 and renumbered inodes: the same archive whoever builds it, no fakeroot needed.
(cd "$initramfs" && find . -mindepth 1 | LC_ALL=C sort \
    | "$busybox" cpio -o -H newc -R 0:0 --ignore-devno --renumber-inodes 2>/dev/null) \
    | gzip -9n > "$root/boot/initrd"
rm -f "$root/sbin/init" "$root/linuxrc"  # busybox's init applet links: the image's init is ours
cp "$here/system-init.sh" "$root/sbin/init"
chmod 0755 "$root/sbin/init"
cat > "$root/etc/os-release" <<EOF
NAME="cOS demo"
ID=cos-demo
PRETTY_NAME="cOS demo $version"
VERSION="$version"
VERSION_ID=$version
EOF
cat > "$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
EOF
cat > "$root/etc/group" <<'EOF'
root:x:0:
EOF
echo "cos-demo" > "$root/etc/hostname"
# Used by busybox init once the boot checks are done: a shell on the console.
cat > "$root/etc/inittab" <<'EOF'
::sysinit:/bin/hostname -F /etc/hostname
console::respawn:-/bin/sh
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/sync
EOF
printf 'kernel %s\nkernel-package %s\nbusybox-package %s\n' "$kver" "$kernel_deb" "$busybox_deb" > "$root/etc/cos-demo-build"

# A concurrent build of the same key may have won the race: its tree is as good as ours.
mv -T "$root" "$tree" 2>/dev/null || [[ -d "$tree" ]] || { log "cannot move the tree to $tree"; exit 1; }
# Builds of this version by other scripts or packages that nobody used for a week. Not all of them:
# another installer version (a second checkout, a test run) may be reading its tree right now.
for old in "$cache_dir/trees/$version"-????????????????; do  # the 16-hex-digit key
    if [[ "$old" != "$tree" && -d "$old" && -n "$(find "$old" -maxdepth 0 -mtime +7)" ]]; then
        rm -rf "$old"
    fi
done
log "done: $(du -sh "$tree" | cut -f1) in $tree"
echo "$tree"
