#!/usr/bin/env bash
# Registry install benchmark: a ~450 MB, 3-layer OCI image in a local registry (Debian's
# docker-registry on loopback), installed two ways in one run:
#   standard tools  skopeo copy (registry -> OCI layout) + umoci unpack + our install from the
#                   unpacked directory, + sync: the same work done with the tools people use today
#   ours            cos-installer install --source oci:127.0.0.1:PORT/bench/tree:1, + sync
# and then an offline upgrade of the installed disk from the same registry image. Prints wall and
# CPU time, ours/standard as a ratio (the issue's goal: <= 1.0x), and the largest resident set of any
# process of our install (GNU time's %M: the engine's JVM or a tool it ran).
#
# Usage (as root):  installer-core/bench/oci-install-bench.sh [--tree-bytes N] [--work-dir DIR]
#   --tree-bytes N  file content of the image (default 450000000); smaller for a quick check
#   --work-dir DIR  where everything goes (default: a new directory under /var/tmp; needs ~4 GB free).
#                   Everything made there is removed at the end, the registry stopped.
# A benchmark, not a test: it never fails on a slow number.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
# shellcheck source=bench-lib.sh
. "$here/bench-lib.sh"

work_parent=/var/tmp
while (($#)); do
    case "$1" in
        --work-dir) work_parent=$2; shift ;;
        --tree-bytes) TARGET_TREE_BYTES=$2; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "oci-install-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if ((EUID != 0)); then
    echo "oci-install-bench: run as root (the install attaches a loop device)" >&2
    exit 1
fi
for tool in bc docker-registry skopeo umoci curl /usr/bin/time java losetup; do
    command -v "$tool" >/dev/null || { echo "oci-install-bench: $tool is missing (apt-get install bc docker-registry skopeo umoci curl time)" >&2; exit 1; }
done

repo=$(cd "$here/../.." && pwd)
installer="$repo/installer-core/bin/cos-installer"
build_jar "$repo"

work=$(mktemp -d "$work_parent/cos-oci-bench.XXXXXX")
registry_pid=
cleanup() {
    [ -z "$registry_pid" ] || kill "$registry_pid" 2>/dev/null || true
    release_image_loops
    rm -rf --one-file-system -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# The image: the benchmark tree in three layers (the JDK; the locale files and padding; a last
# layer that deletes some files and adds /etc/os-release, so whiteouts are part of the work).
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
make_tree "$work/tree"
umoci init --layout "$work/layout"
umoci new --image "$work/layout:1"
umoci unpack --image "$work/layout:1" "$work/bundle" >/dev/null
mkdir -p "$work/bundle/rootfs/usr/lib" "$work/bundle/rootfs/usr/share"
cp -a "$work/tree/usr/lib/jvm" "$work/bundle/rootfs/usr/lib/"
umoci repack --image "$work/layout:1" "$work/bundle"
cp -a "$work/tree/." "$work/bundle/rootfs/"
umoci repack --image "$work/layout:1" "$work/bundle"
find "$work/bundle/rootfs/usr/share/locale" -maxdepth 1 -mindepth 1 -name 'z*' -exec rm -rf {} +
mkdir -p "$work/bundle/rootfs/etc"
printf 'NAME="cOS bench"\nID=cos-bench\nVERSION_ID=1\n' >"$work/bundle/rootfs/etc/os-release"
umoci repack --image "$work/layout:1" "$work/bundle"
umoci gc --layout "$work/layout"
rm -rf "$work/bundle" "$work/tree"
layers=$(skopeo inspect "oci:$work/layout:1" | grep -c '"sha256:' || true)
image_bytes=$(du -sb "$work/layout/blobs" | cut -f1)

# ---------------------------------------------------------------------------------------------
# The registry, on a free loopback port, plain http (named insecure in the installer's config).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.2; done
skopeo copy --quiet --dest-tls-verify=false "oci:$work/layout:1" "docker://127.0.0.1:$port/bench/tree:1"
rm -rf "$work/layout"
cat >"$work/config.yaml" <<YAML
registries:
  insecure: ["127.0.0.1:$port"]
YAML
reference="oci:127.0.0.1:$port/bench/tree:1"
sync

# ---------------------------------------------------------------------------------------------
# Standard tools: pull to an OCI layout, unpack it, install from the directory.
start=$(now)
skopeo copy --quiet --src-tls-verify=false "docker://127.0.0.1:$port/bench/tree:1" "oci:$work/pulled:1"
t_pull=$(elapsed "$start"); c_pull=$(elapsed_cpu "$start")
step=$(now)
umoci unpack --image "$work/pulled:1" "$work/unpacked" >/dev/null
t_unpack=$(elapsed "$step"); c_unpack=$(elapsed_cpu "$step")
step=$(now)
"$installer" install --target "$work/standard.img" --size 8G --source "dir://$work/unpacked/rootfs" --progress=json \
    >"$work/standard.events"
sync
t_install_dir=$(elapsed "$step"); c_install_dir=$(elapsed_cpu "$step")
t_standard=$(elapsed "$start"); c_standard=$(elapsed_cpu "$start")
rm -rf "$work/pulled" "$work/unpacked" "$work/standard.img"; sync

# ---------------------------------------------------------------------------------------------
# Ours: straight from the registry.
start=$(now)
/usr/bin/time -f %M -o "$work/ours.rss" "$installer" install --config "$work/config.yaml" --target "$work/ours.img" \
    --size 8G --source "$reference" --progress=json >"$work/ours.events"
sync
t_ours=$(elapsed "$start"); c_ours=$(elapsed_cpu "$start")

start=$(now)
/usr/bin/time -f %M -o "$work/upgrade.rss" "$installer" upgrade --config "$work/config.yaml" --target "$work/ours.img" \
    --source "$reference" --progress=json >"$work/upgrade.events"
sync
t_upgrade=$(elapsed "$start"); c_upgrade=$(elapsed_cpu "$start")

# ---------------------------------------------------------------------------------------------
echo
echo "cos-installer registry install benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores, $(uname -r)"
echo "image: $layers blobs (config + layers), $image_bytes bytes compressed; tree content $content bytes"
echo
row() { printf '%-52s %9.1f %9.1f\n' "$1" "$2" "$3"; }
printf '%-52s %9s %9s\n' "what" "wall s" "CPU s"
row "standard tools (skopeo + umoci + install dir) + sync" "$t_standard" "$c_standard"
row "  skopeo copy docker:// -> oci:" "$t_pull" "$c_pull"
row "  umoci unpack" "$t_unpack" "$c_unpack"
row "  cos-installer install --source dir:// + sync" "$t_install_dir" "$c_install_dir"
row "cos-installer install --source oci: + sync" "$t_ours" "$c_ours"
row "cos-installer upgrade --source oci: (offline) + sync" "$t_upgrade" "$c_upgrade"
echo
echo "install from the registry, wall: ours/standard = $(ratio "$t_ours" "$t_standard")x   CPU: $(ratio "$c_ours" "$c_standard")x"
echo "largest resident set of a process: install $(( $(cat "$work/ours.rss") / 1024 )) MiB, upgrade $(( $(cat "$work/upgrade.rss") / 1024 )) MiB"
echo "load average at start: $load_start   at end: $(cut -d' ' -f1-3 /proc/loadavg)   (above ~2, other work shared the cores)"
