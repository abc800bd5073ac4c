#!/bin/sh
# The demo cOS system's /sbin/init (busybox sh), started by the initramfs after switch_root.
# 1. Marks the boot successful: removes every cos_tries_* variable from the GRUB environment block
#    /oem/grubenv, rewriting its 1024 bytes in place (GRUB does not replay the ext4 journal, so the
#    file must keep its blocks), and writes /run/cos/boot-ok. Booted passive for a rollback rehearsal
#    (GRUB set cos_rehearsal=booting), it sets cos_rehearsal=passed. Booted active or passive, it
#    records the filesystem UUID of its image as cos_good_uuid: the last image known to boot, which
#    an upgrade keeps as passive (renames keep the UUID). GRUB's cos_failed_* marks stay.
# 2. Prints facts for whoever watches the console, one line each:
#      COS-MOUNT <dir> <LABEL=label|none>     for /oem and /usr/local
#      COS-LS <dir> <names...>                the entries of /oem and /usr/local
#      COS-BOOTED slot=<active|passive|recovery> version=<VERSION_ID>   (exactly once, last)
#    With cos.test.write=/usr/local/NAME it first writes the slot to that file (persistence tests).
# 3. With cos.test=poweroff on the kernel command line: syncs, unmounts what it wrote and powers off.
#    Otherwise hands over to busybox init (/etc/inittab: a shell on the console).
PATH=/sbin:/bin:/usr/sbin:/usr/bin
export PATH

# is_mounted DIR (busybox-static has no mountpoint applet)
is_mounted() { awk -v dir="$1" '$2 == dir { found = 1 } END { exit !found }' /proc/mounts 2>/dev/null; }

is_mounted /proc || mount -t proc proc /proc
is_mounted /sys || mount -t sysfs sysfs /sys
is_mounted /dev || mount -t devtmpfs devtmpfs /dev
is_mounted /run || mount -t tmpfs -o mode=0755 tmpfs /run
is_mounted /tmp || mount -t tmpfs -o mode=1777 tmpfs /tmp
mkdir -p /run/cos
# Kernel messages must not cut through the machine-readable lines below.
dmesg -n 1 2>/dev/null

slot=unknown
for mode in active passive recovery; do
    [ -e "/run/cos/${mode}_mode" ] && slot=$mode
done

# root_uuid: the ext2 UUID of the image mounted as / (busybox has no blkid: the superblock starts at
# byte 1024 and holds s_uuid at offset 104), as 8-4-4-4-12 hex; nothing for a squashfs (recovery).
root_uuid() {
    dev="$(awk '$2 == "/" { d = $1 } END { print d }' /proc/mounts)"
    [ -b "$dev" ] || return 0
    [ "$(xxd -p -s 1080 -l 2 "$dev" 2>/dev/null)" = "53ef" ] || return 0  # ext2/3/4 magic 0xEF53
    xxd -p -s 1128 -l 16 "$dev" 2>/dev/null \
        | sed 's/^\(.\{8\}\)\(.\{4\}\)\(.\{4\}\)\(.\{4\}\)\(.\{12\}\)$/\1-\2-\3-\4-\5/'
}

good_uuid=""
[ "$slot" = active ] || [ "$slot" = passive ] && good_uuid="$(root_uuid)"

# clear_boot_tries FILE: drops the cos_tries_* lines of a GRUB environment block, in place; a
# rehearsal boot of passive (cos_rehearsal=booting) becomes cos_rehearsal=passed; cos_good_uuid
# becomes $good_uuid when that is known.
clear_boot_tries() {
    env="$1"
    [ "$(wc -c < "$env")" -eq 1024 ] || { echo "cos-init: $env is not 1024 bytes: left alone"; return 1; }
    [ "$(head -n 1 "$env")" = "# GRUB Environment Block" ] || { echo "cos-init: $env is no GRUB environment block"; return 1; }
    rehearsal=no
    [ "$slot" = passive ] && grep -q '^cos_rehearsal=booting$' "$env" && rehearsal=yes
    record=no
    [ -n "$good_uuid" ] && ! grep -q "^cos_good_uuid=$good_uuid\$" "$env" && record=yes
    grep -q '^cos_tries_' "$env" || [ "$rehearsal" = yes ] || [ "$record" = yes ] || return 0
    new=/run/cos/grubenv.new
    # Keep the header and every variable; drop the counters and the '#' padding (added again below).
    awk -v rehearsal="$rehearsal" -v good="$good_uuid" 'NR == 1 { print; next } /^cos_tries_/ { next } /^#*$/ { next }
        good != "" && /^cos_good_uuid=/ { next }
        rehearsal == "yes" && /^cos_rehearsal=booting$/ { print "cos_rehearsal=passed"; next } { print }
        END { if (good != "") print "cos_good_uuid=" good }' "$env" > "$new"
    used=$(wc -c < "$new")
    [ "$used" -le 1024 ] || { echo "cos-init: $env: rewritten block too large"; return 1; }
    head -c $((1024 - used)) /dev/zero | tr '\000' '#' >> "$new"
    dd if="$new" of="$env" bs=1024 count=1 conv=notrunc,fsync 2>/dev/null || { echo "cos-init: cannot rewrite $env"; return 1; }
    rm -f "$new"
    sync
}

if [ -f /oem/grubenv ]; then
    clear_boot_tries /oem/grubenv
fi
: > /run/cos/boot-ok

# mount_fact DIR: the label of the filesystem mounted on DIR, or none.
mount_fact() {
    dev="$(awk -v dir="$1" '$2 == dir { d = $1 } END { print d }' /proc/mounts)"
    label=none
    for want in COS_OEM COS_PERSISTENT COS_STATE COS_RECOVERY; do
        [ -n "$dev" ] && [ "$(findfs "LABEL=$want" 2>/dev/null)" = "$dev" ] && label="LABEL=$want"
    done
    echo "COS-MOUNT $1 $label"
}

version="$(. /etc/os-release 2>/dev/null; echo "${VERSION_ID:-unknown}")"
# cos.test.write=/usr/local/NAME (boot tests): writes the slot to that file, so the next boot can show
# that COS_PERSISTENT kept it. Only under /usr/local.
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        cos.test.write=/usr/local/*[!/]*) echo "$slot" > "${arg#cos.test.write=}" && sync ;;
    esac
done
for dir in /oem /usr/local; do
    mount_fact "$dir"
    echo "COS-LS $dir $(ls -A "$dir" 2>/dev/null | tr '\n' ' ')"
done
echo "COS-BOOTED slot=$slot version=$version"

case " $(cat /proc/cmdline) " in
    *" cos.test=poweroff "*)
        sync
        for dir in /usr/local /oem; do
            is_mounted "$dir" && { umount "$dir" 2>/dev/null || mount -o remount,ro "$dir"; }
        done
        sync
        poweroff -f
        ;;
esac
exec /bin/busybox init
