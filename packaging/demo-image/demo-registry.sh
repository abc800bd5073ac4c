#!/bin/bash
# Starts a local container registry holding the demo OS image, to try installs and upgrades from a
# registry (docs/sources.md). Plain http on 127.0.0.1 only: give the installer --insecure-registry.
#
# Usage: demo-registry.sh [--port P] [--dir DIR] [--version V]
#   --port     the registry's port on 127.0.0.1 (default 5000)
#   --dir      where the registry's storage, config, log and pid file go (default /tmp/cos-demo-registry)
#   --version  the demo image's VERSION_ID, also its tag (default 1.0)
#
# Needs root (umoci unpack/repack keep the tree's owners) and docker-registry, skopeo, umoci (Debian
# packages of the same names). Prints the image reference on its last line. Stop the registry with
# kill "$(cat DIR/registry.pid)".
set -euo pipefail

port=5000
dir=/tmp/cos-demo-registry
version=1.0
usage() { echo "usage: $0 [--port P] [--dir DIR] [--version V]" >&2; exit 2; }
while (($#)); do
    case "$1" in
        --port) (($# >= 2)) || usage; port="$2"; shift 2 ;;
        --dir) (($# >= 2)) || usage; dir="$2"; shift 2 ;;
        --version) (($# >= 2)) || usage; version="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done
[[ "$port" =~ ^[0-9]+$ ]] || { echo "bad port: $port" >&2; exit 2; }
[[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || { echo "bad version (it is also the tag): $version" >&2; exit 2; }
for tool in docker-registry skopeo umoci; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install $tool" >&2; exit 1; }
done
log() { echo "demo-registry: $*" >&2; }
here="$(cd "$(dirname "$0")" && pwd)"

tree="$("$here/build-demo-image.sh" --version "$version" | tail -n 1)"
mkdir -p "$dir"
layout="$dir/layout"
if [[ ! -d "$layout" ]]; then
    umoci init --layout "$layout"
fi
bundle="$(mktemp -d "$dir/bundle.XXXXXX")"
trap 'rm -rf "$bundle"' EXIT
if umoci ls --layout "$layout" | grep -qx -- "$version"; then
    umoci rm --image "$layout:$version"
fi
umoci new --image "$layout:$version"
rmdir "$bundle" && umoci unpack --image "$layout:$version" "$bundle"
cp -a "$tree/." "$bundle/rootfs/"
umoci repack --image "$layout:$version" "$bundle"
umoci config --image "$layout:$version" --config.label "org.opencontainers.image.version=$version" \
    --config.label "org.opencontainers.image.title=cOS demo"
log "OCI layout $layout:$version made from $tree"

if [[ -f "$dir/registry.pid" ]] && kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null; then
    log "registry already running (pid $(cat "$dir/registry.pid"))"
else
    mkdir -p "$dir/storage"
    cat >"$dir/registry.yaml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $dir/storage
http:
  addr: 127.0.0.1:$port
EOF
    setsid docker-registry serve "$dir/registry.yaml" >>"$dir/registry.log" 2>&1 </dev/null &
    echo $! >"$dir/registry.pid"
    log "registry started on 127.0.0.1:$port (pid $(cat "$dir/registry.pid"), log $dir/registry.log)"
fi
for _ in $(seq 50); do
    if skopeo list-tags --tls-verify=false "docker://127.0.0.1:$port/cos/demo" >/dev/null 2>&1 \
        || grep -q "listening on" "$dir/registry.log"; then
        break
    fi
    sleep 0.2
done
skopeo copy --retry-times 3 --dest-tls-verify=false "oci:$layout:$version" "docker://127.0.0.1:$port/cos/demo:$version"
log "pushed; install it with: cos-installer install --target /tmp/cos-demo.img --size 8G --source oci:127.0.0.1:$port/cos/demo:$version --insecure-registry 127.0.0.1:$port"
echo "oci:127.0.0.1:$port/cos/demo:$version"
