#!/usr/bin/env bash
# Install benchmark: installs a real ~450 MB tree onto a fresh sparse image file and prints its wall
# time beside two baselines measured in the same run:
#   copy floor      the same bytes written once (cp -a of the tree + sync)
#   toolkit recipe  what the cOS toolkit does, by hand: mkfs.ext2 -d (active), a plain copy
#                   (passive), mksquashfs -comp xz -Xbcj x86 (recovery), + sync
# It also prints the install's own step times (from --progress=json) and how many bytes the images
# inside the installed disk really allocate beside their apparent size.
#
# Usage (as root, from anywhere):  installer-core/bench/install-bench.sh [--with-xz] [--work-dir DIR]
#   --with-xz       also time an install with --squash-compression xz (about 3 more minutes)
#   --no-toolkit    skip the toolkit recipe (its xz takes minutes); for iterating on the install
#   --tree-bytes N  file content of the tree (default 450000000); smaller for a quick check
#   --work-dir DIR  where the tree and images go (default: a new directory under /var/tmp); needs
#                   about 3 GB free. Everything made there is removed at the end.
# A benchmark, not a test: it never fails on a slow number.
set -euo pipefail
command -v bc >/dev/null || { echo "install-bench: needs bc (apt-get install bc)" >&2; exit 1; }

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
# shellcheck source=bench-lib.sh
. "$here/bench-lib.sh"

with_xz=false
with_toolkit=true
work_parent=/var/tmp
while (($#)); do
    case "$1" in
        --with-xz) with_xz=true ;;
        --no-toolkit) with_toolkit=false ;;
        --work-dir) work_parent=$2; shift ;;
        --tree-bytes) TARGET_TREE_BYTES=$2; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

if ((EUID != 0)); then
    echo "install-bench: run as root (the install attaches a loop device)" >&2
    exit 1
fi
for tool in cp sync mkfs.ext2 mksquashfs debugfs sfdisk du stat losetup java; do
    command -v "$tool" >/dev/null || { echo "install-bench: $tool is missing" >&2; exit 1; }
done

repo=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
installer="$repo/installer-core/bin/cos-installer"
build_jar "$repo"

work=$(mktemp -d "$work_parent/cos-install-bench.XXXXXX")
cleanup() {
    release_image_loops
    rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# The tree: a copy of the JDK plus the locale files, trimmed or padded to TARGET_TREE_BYTES of
# file content (whole files only, so it lands a little under the target).
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
tree="$work/tree"
make_tree "$tree"

# ---------------------------------------------------------------------------------------------
# Copy floor: the same bytes written once.
start=$(now)
cp -a "$tree" "$work/copy"
sync
t_copy=$(elapsed "$start"); c_copy=$(elapsed_cpu "$start")
rm -rf "$work/copy"; sync

# ---------------------------------------------------------------------------------------------
# The toolkit's recipe by hand: ext2 image of tree + 256 MiB, a plain copy of it, xz squashfs.
t_toolkit=0 c_toolkit=0 t_tk_active=0 c_tk_active=0 t_tk_passive=0 c_tk_passive=0 t_tk_recovery=0 c_tk_recovery=0
tk_active_alloc=- tk_passive_alloc=- tk_recovery_size=-
if $with_toolkit; then
mkdir "$work/toolkit"
start=$(now)
mkfs.ext2 -F -q -L COS_ACTIVE -d "$tree" "$work/toolkit/active.img" "$((tree_mib + 256))M" >/dev/null 2>&1
t_tk_active=$(elapsed "$start"); c_tk_active=$(elapsed_cpu "$start")
step=$(now)
cp --sparse=never "$work/toolkit/active.img" "$work/toolkit/passive.img"
t_tk_passive=$(elapsed "$step"); c_tk_passive=$(elapsed_cpu "$step")
step=$(now)
mksquashfs "$tree" "$work/toolkit/recovery.squashfs" -noappend -no-progress -quiet -b 1024k -comp xz -Xbcj x86 >/dev/null
t_tk_recovery=$(elapsed "$step"); c_tk_recovery=$(elapsed_cpu "$step")
sync
t_toolkit=$(elapsed "$start"); c_toolkit=$(elapsed_cpu "$start")
tk_alloc() { du -B1 "$work/toolkit/$1" | cut -f1; }
tk_active_alloc=$(tk_alloc active.img); tk_passive_alloc=$(tk_alloc passive.img)
tk_recovery_size=$(stat -c %s "$work/toolkit/recovery.squashfs")
rm -rf "$work/toolkit"; sync
fi

# ---------------------------------------------------------------------------------------------
# Our install onto a fresh sparse image file; step times from --progress=json.
# install NAME [extra options...]: sets t_NAME and writes $work/NAME.events
install() {
    local name=$1; shift
    local start
    start=$(now)
    "$installer" install --target "$work/$name.img" --size 8G --source "$tree" --progress=json "$@" \
        >"$work/$name.events"
    sync
    printf -v "t_$name" '%s' "$(elapsed "$start")"
    printf -v "c_$name" '%s' "$(elapsed_cpu "$start")"
}

step_millis() {   # step_millis EVENTS STEP -> millis or "-"
    sed -n 's/.*"event":"step-finished".*"step":"'"$2"'".*"millis":\([0-9]*\).*/\1/p' "$1" | head -1 | grep . || echo -
}

# partition_start_bytes IMAGE GPT_NAME (from the sfdisk dump: one line per partition)
partition_start_bytes() {
    local dump sector start
    dump=$(sfdisk -d "$1")
    sector=$(sed -n 's/^sector-size: *\([0-9]*\).*/\1/p' <<<"$dump")
    start=$(grep "name=\"$2\"" <<<"$dump" | sed -n 's/.*start= *\([0-9]*\).*/\1/p')
    echo $((start * ${sector:-512}))
}

# inner_file IMAGE GPT_NAME PATH -> "apparent allocated" bytes of a file inside an ext partition,
# read with debugfs (Blockcount is in 512-byte sectors).
inner_file() {
    local offset out size blocks
    offset=$(partition_start_bytes "$1" "$2")
    out=$(debugfs -R "stat $3" "$1?offset=$offset" 2>/dev/null)
    size=$(sed -n 's/.*Size: \([0-9]*\).*/\1/p' <<<"$out" | head -1)
    blocks=$(sed -n 's/.*Blockcount: \([0-9]*\).*/\1/p' <<<"$out" | head -1)
    echo "${size:-0} $(( ${blocks:-0} * 512 ))"
}

install gzip
runs=(gzip)
if $with_xz; then
    install xz --squash-compression xz
    runs+=(xz)
fi

# ---------------------------------------------------------------------------------------------
# Report.
mib() { echo "scale=1; $1 / 1048576" | bc; }

echo
echo "cos-installer install benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores, $(uname -r)"
echo "tree: $tree_apparent bytes apparent ($(mib "$tree_apparent") MiB), $content bytes in $tree_files files, $tree_entries entries"
echo "      (copy of $JDK_DIR + $LOCALE_DIR, trimmed/padded to $TARGET_TREE_BYTES content bytes)"
echo
row() { printf '%-46s %9.1f %9.1f\n' "$1" "$2" "$3"; }
printf '%-46s %9s %9s\n' "what" "wall s" "CPU s"
row "copy floor (cp -a + sync)" "$t_copy" "$c_copy"
if $with_toolkit; then
    row "toolkit recipe (ext2 + plain cp + xz + sync)" "$t_toolkit" "$c_toolkit"
    row "  mkfs.ext2 -d active.img" "$t_tk_active" "$c_tk_active"
    row "  cp passive.img (not sparse)" "$t_tk_passive" "$c_tk_passive"
    row "  mksquashfs -comp xz -Xbcj x86" "$t_tk_recovery" "$c_tk_recovery"
else
    echo "toolkit recipe: skipped (--no-toolkit)"
fi
for run in "${runs[@]}"; do
    t="t_$run"; c="c_$run"
    row "cos-installer install (recovery $run) + sync" "${!t}" "${!c}"
done
echo
for run in "${runs[@]}"; do
    t="t_$run"; c="c_$run"
    if $with_toolkit; then
        echo "install with $run, wall: toolkit/ours = $(ratio "$t_toolkit" "${!t}")x   ours/copy floor = $(ratio "${!t}" "$t_copy")x"
        echo "install with $run, CPU:  toolkit/ours = $(ratio "$c_toolkit" "${!c}")x"
    else
        echo "install with $run, wall: ours/copy floor = $(ratio "${!t}" "$t_copy")x"
    fi
done
echo "load average at start: $load_start   at end: $(cut -d' ' -f1-3 /proc/loadavg)   (above ~2, other work shared the cores)"
echo
echo "install step times (ms, from --progress=json step-finished events):"
steps=(create-image attach partition format mount unpack active passive recovery boot-env bootloader cloud-init state sync)
printf '  %-13s' step; for run in "${runs[@]}"; do printf ' %9s' "$run"; done; echo
for s in "${steps[@]}"; do
    printf '  %-13s' "$s"
    for run in "${runs[@]}"; do printf ' %9s' "$(step_millis "$work/$run.events" "$s")"; done
    echo
done
printf '  %-13s' "steps total"
for run in "${runs[@]}"; do
    printf ' %9s' "$(sed -n 's/.*"event":"step-finished".*"millis":\([0-9]*\).*/\1/p' "$work/$run.events" | awk '{s += $1} END {print s}')"
done
echo
printf '  %-13s' "rest"   # JVM start, source scan + sha256 before the steps, cleanup after
for run in "${runs[@]}"; do
    var="t_$run"
    total=$(sed -n 's/.*"event":"step-finished".*"millis":\([0-9]*\).*/\1/p' "$work/$run.events" | awk '{s += $1} END {print s}')
    printf ' %9s' "$(echo "${!var} * 1000 / 1 - $total" | bc)"
done
echo "   (JVM start, source scan + sha256, cleanup)"
echo
echo "bytes allocated vs apparent:"
printf '  %-44s %14s %14s\n' "file" "apparent" "allocated"
for run in "${runs[@]}"; do
    img="$work/$run.img"
    printf '  %-44s %14s %14s\n' "$run.img (the disk)" "$(stat -c %s "$img")" "$(du -B1 "$img" | cut -f1)"
    for f in /cOS/active.img /cOS/passive.img; do
        read -r size alloc < <(inner_file "$img" state "$f")
        printf '  %-44s %14s %14s\n' "  COS_STATE:$f" "$size" "$alloc"
    done
    read -r size alloc < <(inner_file "$img" recovery /cOS/recovery.squashfs)
    printf '  %-44s %14s %14s\n' "  COS_RECOVERY:/cOS/recovery.squashfs" "$size" "$alloc"
done
$with_toolkit || exit 0
printf '  %-44s %14s %14s\n' "toolkit active.img" "$(( (tree_mib + 256) * 1048576 ))" "$tk_active_alloc"
printf '  %-44s %14s %14s\n' "toolkit passive.img (plain cp)" "$(( (tree_mib + 256) * 1048576 ))" "$tk_passive_alloc"
printf '  %-44s %14s %14s\n' "toolkit recovery.squashfs (xz)" "$tk_recovery_size" "-"
