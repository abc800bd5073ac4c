# Shared by the benchmarks (sourced, not run): the real ~450 MB tree they install, wall and CPU
# clocks, and the release of loop devices an interrupted install left over image files in $work.
# The caller sets $work (its own new directory) before calling any of these.

TARGET_TREE_BYTES=${TARGET_TREE_BYTES:-450000000}
JDK_DIR=/usr/lib/jvm/java-17-openjdk-amd64
LOCALE_DIR=/usr/share/locale
PADDING_DIR=/usr/lib/x86_64-linux-gnu

# Wall and CPU time. The CPU time (user + sys of every process this script waited for, the
# install's tools included) is printed too because the 2 cores may be shared with other work: wall
# time then grows, CPU time much less.
ticks_per_second=$(getconf CLK_TCK)
now() { echo "$(date +%s.%N) $(awk '{print $16 + $17}' /proc/$$/stat)"; }
elapsed() { echo "$(date +%s.%N) - ${1% *}" | bc; }   # wall seconds since the mark $1
elapsed_cpu() { echo "scale=2; ($(awk '{print $16 + $17}' /proc/$$/stat) - ${1#* }) / $ticks_per_second" | bc; }
bytes_of_files() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
ratio() { if [ "$1" = 0 ]; then echo -; else printf '%.2f' "$(echo "scale=3; $1 / $2" | bc)"; fi; }

# Only if an install was interrupted: its loop device over an image file made in $work is still
# attached, maybe with partitions mounted. Release exactly those, by name.
release_image_loops() {
    local img loop mp
    for img in "$work"/*.img; do
        [ -f "$img" ] || continue
        for loop in $(losetup -j "$img" -n -O NAME); do
            for mp in $(awk -v dev="$loop" 'index($1, dev "p") == 1 {print $2}' /proc/self/mounts); do
                umount "$mp" || true
            done
            partx -d "$loop" 2>/dev/null || true
            losetup -d "$loop" || true
        done
    done
}

# make_tree DIR: a copy of the JDK plus the locale files, trimmed or padded to TARGET_TREE_BYTES of
# file content (whole files only, so it lands a little under the target). Sets content, tree_apparent,
# tree_files, tree_entries and tree_mib.
make_tree() {
    local tree=$1 size file dest
    [ -d "$JDK_DIR" ] || { echo "bench: $JDK_DIR is missing (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
    mkdir -p "$tree/usr/lib/jvm" "$tree/usr/share"
    cp -a "$JDK_DIR" "$tree/usr/lib/jvm/"
    cp -a "$LOCALE_DIR" "$tree/usr/share/"
    content=$(bytes_of_files "$tree")
    if ((content > TARGET_TREE_BYTES)); then
        # Drop whole files, last path first (locale files, last language first), until under the target.
        while read -r size file; do
            ((content <= TARGET_TREE_BYTES)) && break
            rm -f -- "$file"
            content=$((content - size))
        done < <(find "$tree" -type f -printf '%s %p\n' | sort -k2,2r)
    elif ((content < TARGET_TREE_BYTES)); then
        # Pad with shared libraries (real, compressible-as-usual content) until the target is reached.
        while read -r size file; do
            ((content + size > TARGET_TREE_BYTES)) && continue
            dest="$tree$file"
            mkdir -p "$(dirname "$dest")"
            cp -a -- "$file" "$dest"
            content=$((content + size))
        done < <(find "$PADDING_DIR" -maxdepth 1 -type f -printf '%s %p\n' | sort -k2,2)
    fi
    tree_apparent=$(du -sb "$tree" | cut -f1)
    tree_files=$(find "$tree" -type f | wc -l)
    tree_entries=$(find "$tree" | wc -l)
    tree_mib=$(( (tree_apparent + 1048575) / 1048576 ))
    sync
}

# build_jar REPO: the engine's jar, built when missing.
build_jar() {
    if [ ! -f "$1/installer-core/target/cos-installer.jar" ]; then
        echo "building the jar (mvn -q package -DskipTests) ..."
        (cd "$1" && mvn -q package -DskipTests)
    fi
}
