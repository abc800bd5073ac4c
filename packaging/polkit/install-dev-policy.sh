#!/bin/sh
# Installs (or with --remove, removes) the polkit action for THIS source checkout's engine launcher,
# so that `mvn -pl app javafx:run` or app/bin/cos-installer-gui run as a normal user can start the
# engine through pkexec. Run as root.
#
# The packaged policy (dev.cos.installer.policy, action dev.cos.installer.engine) names the installed
# launcher /usr/lib/cos-installer/bin/cos-installer. This script installs a copy with its own action id
# (dev.cos.installer.engine.checkout) whose exec.path is the REAL path of installer-core/bin/cos-installer
# here: pkexec compares exec.path with the program's resolved path exactly, so a symlink would not match.
# The copy keeps the action dev.cos.installer.modify (the engine asks polkit for it before a verb that
# changes the system) unless the package's policy is installed, which defines it already.
#
# Usage: install-dev-policy.sh [--remove] [--print]
#   (no option)  write /usr/share/polkit-1/actions/dev.cos.installer.engine.checkout.policy
#   --remove     delete that file (nothing else)
#   --print      print the policy it would write, change nothing (needs no root)
set -eu

here=$(dirname "$(readlink -f "$0")")
source_policy="$here/dev.cos.installer.policy"
action_id=dev.cos.installer.engine.checkout
target_dir=${COS_POLKIT_ACTIONS_DIR:-/usr/share/polkit-1/actions}
target="$target_dir/$action_id.policy"

usage() { echo "usage: $0 [--remove|--print]" >&2; exit 2; }

policy() {
    engine=$(readlink -f "$here/../../installer-core/bin/cos-installer") || engine=
    if [ -z "$engine" ] || [ ! -f "$engine" ]; then
        echo "install-dev-policy: installer-core/bin/cos-installer not found next to $here" >&2
        exit 1
    fi
    case "$engine" in
        *'|'*|*'&'*|*'<'*|*'>'*) echo "install-dev-policy: unsupported characters in $engine" >&2; exit 1 ;;
    esac
    set --
    if [ -f "$target_dir/dev.cos.installer.policy" ]; then
        # The package's policy defines dev.cos.installer.modify already: one definition only.
        set -- -e '/<action id="dev.cos.installer.modify">/,/<\/action>/d'
    fi
    sed "$@" -e "s|<action id=\"dev.cos.installer.engine\">|<action id=\"$action_id\">|" \
        -e "s|>/usr/lib/cos-installer/bin/cos-installer<|>$engine<|" \
        -e "s|<description>\(.*\)</description>|<description>\1 (source checkout)</description>|" \
        "$source_policy"
}

mode=install
case "${1:-}" in
    '') ;;
    --remove) mode=remove ;;
    --print) mode=print ;;
    *) usage ;;
esac
[ $# -le 1 ] || usage

if [ "$mode" = print ]; then
    policy
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-dev-policy: run as root (it writes $target_dir)" >&2
    exit 1
fi
if [ "$mode" = remove ]; then
    rm -f "$target"
    echo "removed $target"
    exit 0
fi
content=$(policy)
mkdir -p "$target_dir"
tmp="$target.tmp.$$"
printf '%s\n' "$content" > "$tmp"
chmod 0644 "$tmp"
mv "$tmp" "$target"
echo "installed $target (exec.path $(readlink -f "$here/../../installer-core/bin/cos-installer"))"
