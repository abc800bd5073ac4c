#!/usr/bin/env bash
# Starts a local container registry (Debian's docker-registry, the distribution registry 2.8) on
# 127.0.0.1 with the demo cOS image pushed to it as cos/demo:1.0 and cos/demo:2.0, so that an install
# and an upgrade from a registry can be tried on one machine. The registry listens on loopback only,
# over plain http: the installer reads plain http only from registries its config names insecure, and
# the config file this script writes (printed at the end) says so for this one.
#
# Usage: start-demo-registry.sh [--port N] [--dir DIR]    start (or find running) and push
#        start-demo-registry.sh --stop [--dir DIR]         stop the registry this script started
# Needs docker-registry, skopeo and umoci (apt-get install docker-registry skopeo umoci).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port=5000
dir="${TMPDIR:-/tmp}/cos-demo-registry"
stop=false
usage() { echo "usage: $0 [--port N] [--dir DIR] | --stop [--dir DIR]" >&2; exit 2; }
while (($#)); do
    case "$1" in
        --port) (($# >= 2)) || usage; port="$2"; shift 2 ;;
        --dir) (($# >= 2)) || usage; dir="$2"; shift 2 ;;
        --stop) stop=true; shift ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done
log() { echo "start-demo-registry: $*" >&2; }
[[ "$port" =~ ^[0-9]+$ ]] || usage

running_pid() {
    local pid
    [[ -f "$dir/registry.pid" ]] || return 1
    pid="$(cat "$dir/registry.pid")"
    # Only the process this script started: its command line names our own config file.
    [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dir/registry.yml" && echo "$pid"
}

if $stop; then
    if pid="$(running_pid)"; then
        kill "$pid"
        rm -f "$dir/registry.pid"
        log "stopped the registry (pid $pid)"
    else
        log "no registry started by this script is running for $dir"
    fi
    exit 0
fi

for tool in docker-registry skopeo umoci; do
    command -v "$tool" >/dev/null || { log "$tool is missing: apt-get install docker-registry skopeo umoci"; exit 1; }
done
mkdir -p "$dir/storage"
dir="$(cd "$dir" && pwd)"
if ! pid="$(running_pid)"; then
    cat >"$dir/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
    log "starting docker-registry on 127.0.0.1:$port (log: $dir/registry.log)"
    setsid docker-registry serve "$dir/registry.yml" >"$dir/registry.log" 2>&1 </dev/null &
    echo $! >"$dir/registry.pid"
    for _ in $(seq 50); do
        curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break
        sleep 0.2
    done
    curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null || { log "the registry did not answer: see $dir/registry.log"; exit 1; }
fi

for version in 1.0 2.0; do
    layout="$("$here/../demo-image/build-demo-oci.sh" --version "$version" | tail -n 1)"
    log "pushing the demo image $version"
    skopeo copy --quiet --dest-tls-verify=false "oci:$layout:$version" "docker://127.0.0.1:$port/cos/demo:$version" >&2
done

cat >"$dir/install.yaml" <<YAML
# Written by start-demo-registry.sh: install the demo image from the local registry.
registries:
  insecure: ["127.0.0.1:$port"]
install:
  system:
    uri: oci:127.0.0.1:$port/cos/demo:1.0
YAML
log "ready: oci:127.0.0.1:$port/cos/demo:1.0 and :2.0; config for the installer:"
echo "$dir/install.yaml"
