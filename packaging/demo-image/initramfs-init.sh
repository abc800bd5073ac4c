#!/bin/sh
# The demo cOS initramfs (/init, busybox sh). Runtime contract: docs/cos-layout.md section 8.
#   root=LABEL=X                the partition holding the image (COS_STATE, or COS_RECOVERY)
#   cos-img/filename=/cOS/F     the image on it: active.img, passive.img, recovery.squashfs|recovery.img
#   rd.cos.oemlabel=L           label of the OEM partition (default COS_OEM)
# It mounts X read-only at /run/initramfs/cos-state, loop-mounts F read-only as the new root, puts
# tmpfs-backed overlays on /etc /var /srv, mounts /oem and (except in recovery) /usr/local from
# COS_PERSISTENT, writes /run/cos/<slot>_mode and switch_roots into the image's /sbin/init.
# Any failure ends this script, PID 1 exits and the kernel panics: with panic=5 the machine reboots
# (and GRUB's boot assessment moves on). There is deliberately no rescue shell.
PATH=/sbin:/bin:/usr/sbin:/usr/bin
export PATH

fail() {
    echo "cos-initramfs: FATAL: $*"
    sync
    exit 1
}
say() { echo "cos-initramfs: $*"; }  # stdout is the console the kernel opened

mount -t proc -o nosuid,nodev,noexec proc /proc || fail "cannot mount /proc"
mount -t sysfs -o nosuid,nodev,noexec sysfs /sys || fail "cannot mount /sys"
mount -t devtmpfs -o nosuid,mode=0755 devtmpfs /dev || fail "cannot mount /dev"
mount -t tmpfs -o nosuid,nodev,mode=0755 tmpfs /run || fail "cannot mount /run"

while read -r module; do
    modprobe "$module" 2>/dev/null || say "module $module not loaded"
done < /etc/modules

root_label=""
image=""
oem_label="COS_OEM"
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        root=LABEL=*) root_label="${arg#root=LABEL=}" ;;
        cos-img/filename=*) image="${arg#cos-img/filename=}" ;;
        rd.cos.oemlabel=*) oem_label="${arg#rd.cos.oemlabel=}" ;;
    esac
done
[ -n "$root_label" ] || fail "no root=LABEL=... on the kernel command line"
[ -n "$image" ] || fail "no cos-img/filename=... on the kernel command line"

case "${image##*/}" in
    active.img) slot=active ;;
    passive.img) slot=passive ;;
    recovery.squashfs|recovery.img) slot=recovery ;;
    *) fail "cannot tell the slot from the image name $image" ;;
esac

# find_label LABEL SECONDS: prints the device, waiting for slow disk controllers to show up.
find_label() {
    tries=$(( $2 * 10 ))
    while [ "$tries" -gt 0 ]; do
        dev="$(findfs "LABEL=$1" 2>/dev/null)" && [ -b "$dev" ] && { echo "$dev"; return 0; }
        usleep 100000
        tries=$(( tries - 1 ))
    done
    return 1
}

state_dev="$(find_label "$root_label" 20)" || fail "no filesystem labelled $root_label"
state=/run/initramfs/cos-state
mkdir -p "$state"
mount -o ro "$state_dev" "$state" || fail "cannot mount $state_dev ($root_label) read-only"
[ -f "$state$image" ] || fail "$root_label has no $image"

case "$image" in
    *.squashfs) fstype=squashfs ;;
    *) fstype=ext4 ;;  # the ext4 driver mounts the ext2 images
esac
mount -t "$fstype" -o ro,loop "$state$image" /newroot || fail "cannot loop-mount $image"

# /etc /var /srv: the image's content below a writable tmpfs layer.
mkdir -p /run/overlay
for dir in etc var srv; do
    mkdir -p "/run/overlay/$dir/upper" "/run/overlay/$dir/work"
    mkdir -p "/newroot/$dir" 2>/dev/null
    mount -t overlay overlay \
        -o "lowerdir=/newroot/$dir,upperdir=/run/overlay/$dir/upper,workdir=/run/overlay/$dir/work" \
        "/newroot/$dir" || fail "cannot mount the overlay on /$dir"
done

if oem_dev="$(find_label "$oem_label" 2)"; then
    mount -o rw,noatime "$oem_dev" /newroot/oem || say "cannot mount $oem_label on /oem"
else
    say "no $oem_label partition: /oem stays empty"
fi
if [ "$slot" != recovery ]; then
    if persistent_dev="$(find_label COS_PERSISTENT 2)"; then
        mount -o rw,noatime "$persistent_dev" /newroot/usr/local || say "cannot mount COS_PERSISTENT on /usr/local"
    else
        say "no COS_PERSISTENT partition: /usr/local stays the image's"
    fi
fi

mkdir -p /run/cos
: > "/run/cos/${slot}_mode"

[ -x /newroot/sbin/init ] || fail "$image has no executable /sbin/init"
for dir in dev proc sys run; do
    mount --move "/$dir" "/newroot/$dir" || fail "cannot move /$dir into the new root"
done
# switch_root replaces this process; if it (or /sbin/init) fails, PID 1 exits and the kernel panics.
exec switch_root /newroot /sbin/init
