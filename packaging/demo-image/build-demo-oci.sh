#!/usr/bin/env bash
# Packs the demo cOS root tree (build-demo-image.sh) as an OCI image: an OCI image layout directory
# holding one image tagged with the version, one gzip layer, the os-release facts as
# org.opencontainers.image.* labels. This is how the cOS / Elemental family ships its systems, so the
# demo image can be installed the way real ones are (`install --source oci-dir:DIR:VERSION`, or pushed
# to a registry by packaging/demo-registry/start-demo-registry.sh).
#
# Usage: build-demo-oci.sh [--version V] [--cache-dir DIR]
# Prints the absolute path of the layout on its last stdout line; logs go to stderr. Cached beside the
# trees, by the tree's own cache key: an unchanged rebuild only checks it. Needs umoci; as a plain user
# the layer records every file as root's (umoci --rootless), as root it keeps the tree's owners.
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
log() { echo "build-demo-oci: $*" >&2; }
command -v umoci >/dev/null || { log "umoci is missing: apt-get install umoci"; exit 1; }

tree="$("$here/build-demo-image.sh" --version "$version" --cache-dir "$cache_dir" | tail -n 1)"
mkdir -p "$cache_dir/oci"
cache_dir="$(cd "$cache_dir" && pwd)"
layout="$cache_dir/oci/$(basename "$tree")"
if [[ -f "$layout/index.json" ]]; then
    echo "$layout"
    exit 0
fi
exec {cache_lock}>"$cache_dir/.oci-lock"
flock "$cache_lock"
if [[ -f "$layout/index.json" ]]; then
    echo "$layout"
    exit 0
fi

work="$(mktemp -d "$cache_dir/oci/.build-XXXXXX")"
trap 'rm -rf --one-file-system -- "$work"' EXIT
rootless=()
[[ $EUID -eq 0 ]] || rootless=(--rootless)
log "packing $tree as $layout:$version"
umoci init --layout "$work/layout"
umoci new --image "$work/layout:$version"
umoci unpack "${rootless[@]}" --image "$work/layout:$version" "$work/bundle" >&2
cp -a "$tree/." "$work/bundle/rootfs/"
umoci repack --image "$work/layout:$version" "$work/bundle" >&2
name="$(sed -n 's/^NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$tree/etc/os-release" | head -n 1)"
umoci config --image "$work/layout:$version" --os linux --architecture amd64 \
    --config.label "org.opencontainers.image.title=${name:-cOS demo}" \
    --config.label "org.opencontainers.image.version=$version" \
    --config.label "org.opencontainers.image.description=The cos-installer demo OS (busybox, Debian kernel)" >&2
umoci gc --layout "$work/layout"
mv "$work/layout" "$layout"
echo "$layout"
