#!/usr/bin/env bash
# Builds the installer's app image (jpackage) and the cos-installer .deb from a Maven build.
#
# Usage: build-packages.sh [--output DIR] [--no-maven]
#   --output DIR  where the results go (default: packaging/target)
#   --no-maven    use the jars already built (app/target/app.jar + lib/, installer-core/target/cos-installer.jar)
# Results: DIR/app-image/cos-installer/ (the app image) and DIR/cos-installer_VERSION_amd64.deb; the
# .deb's path is the last stdout line. Needs JDK 17 (jpackage, jlink), dpkg-dev (dpkg-shlibdeps)
# and gzip. Runs as a plain user too (dpkg-deb --root-owner-group).
#
# What the .deb installs (docs: packaging/README.md):
#   /usr/lib/cos-installer/                 the app image: bin/cos-installer-gui (jpackage's launcher
#                                           of the GUI), lib/runtime (a jlink'd Java runtime), lib/app
#                                           (the GUI's jars), plus the engine: bin/cos-installer (the
#                                           launcher pkexec runs: policy exec.path), cos-installer.jar,
#                                           demo-image/ (the demo OS image scripts), bin/cos-installer-tray
#   /usr/bin/cos-installer, /usr/bin/cos-installer-gui          symlinks into the above
#   /usr/share/applications/dev.cos.installer.desktop, /etc/xdg/autostart/dev.cos.installer.tray.desktop
#   /usr/share/icons/hicolor/NxN/apps/dev.cos.installer.png, /usr/share/polkit-1/actions/dev.cos.installer.policy
#   /usr/share/man/man1/cos-installer.1.gz
# jpackage makes the app image; the .deb is assembled with dpkg-deb because `jpackage --type deb`
# copies only the image's bin/ and lib/ (the engine jar and demo-image/ at their fixed paths would be
# dropped) and cannot place files outside its install directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/.." && pwd)"
output="$here/target"
maven=true
usage() { echo "usage: $0 [--output DIR] [--no-maven]" >&2; exit 2; }
while (($#)); do
    case "$1" in
        --output) (($# >= 2)) || usage; output="$2"; shift 2 ;;
        --no-maven) maven=false; shift ;;
        *) usage ;;
    esac
done
log() { echo "build-packages: $*" >&2; }
start=$SECONDS

# The project version (root pom), as Debian and jpackage want it: 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT / 0.1.0.
version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$top/pom.xml")"
deb_version="${version//-/\~}"
app_version="${version%%-*}"
[[ "$app_version" =~ ^[0-9]+(\.[0-9]+)*$ ]] || { log "cannot derive a numeric version from $version"; exit 1; }

if $maven; then
    log "mvn package (app, installer-core)"
    (cd "$top" && mvn -q -B package -DskipTests -DskipITs -pl app -am >&2)
fi
app_jar="$top/app/target/app.jar"
engine_jar="$top/installer-core/target/cos-installer.jar"
for needed in "$app_jar" "$top/app/target/lib" "$engine_jar"; do
    [[ -e "$needed" ]] || { log "$needed not found: build with mvn package -pl app -am (or drop --no-maven)"; exit 1; }
done
icons="$top/icons/src/main/resources/dev/cos/installer/icons"

mkdir -p "$output"
output="$(cd "$output" && pwd)"
work="$(mktemp -d "$output/work.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# 1. The app image: jpackage's GUI launcher over a jlink'd runtime with the modules jdeps finds in
# the GUI and the engine (java.naming, java.management: logback; jdk.crypto.ec: TLS for downloads).
mkdir "$work/input"
cp "$app_jar" "$top"/app/target/lib/*.jar "$work/input/"
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.jfr,jdk.security.auth,jdk.unsupported,jdk.crypto.ec
icon_args=()
[[ -f "$icons/cos-installer-128.png" ]] && icon_args=(--icon "$icons/cos-installer-128.png")
log "jpackage --type app-image"
jpackage --type app-image --dest "$work/jpackage" --name cos-installer-gui --app-version "$app_version" \
    --input "$work/input" --main-jar app.jar --main-class dev.cos.installer.app.Main \
    --add-modules "$modules" --jlink-options '--strip-debug --no-header-files --no-man-pages' \
    --description "cOS installer" "${icon_args[@]}" >&2
image="$work/jpackage/cos-installer-gui"
# The runtime's default class-data-sharing archive (lib/server/classes.jsa): jlink does not make one,
# and without it every JVM start (the GUI, each engine run) loads and verifies the JDK's classes anew.
"$image/lib/runtime/bin/java" -Xshare:dump -Xlog:cds=off >/dev/null
[[ -f "$image/lib/runtime/lib/server/classes.jsa" ]] || { log "java -Xshare:dump made no classes.jsa"; exit 1; }
# The engine next to the GUI: the launcher falls back to ../cos-installer.jar's installed path and
# to lib/runtime's java (see installer-core/bin/cos-installer).
install -m 0755 "$top/installer-core/bin/cos-installer" "$here/deb/cos-installer-tray" "$image/bin/"
install -m 0644 "$engine_jar" "$image/cos-installer.jar"
install -d -m 0755 "$image/demo-image"
install -m 0755 "$here"/demo-image/*.sh "$image/demo-image/"
rm -rf "$output/app-image"
mkdir -p "$output/app-image"
mv "$image" "$output/app-image/cos-installer"
image="$output/app-image/cos-installer"

# 2. The package tree.
root="$work/root"
install -d -m 0755 "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/etc/xdg/autostart" "$root/usr/share/polkit-1/actions" "$root/usr/share/man/man1" "$root/usr/share/doc/cos-installer"
cp -a "$image" "$root/usr/lib/cos-installer"
ln -s ../lib/cos-installer/bin/cos-installer "$root/usr/bin/cos-installer"
ln -s ../lib/cos-installer/bin/cos-installer-gui "$root/usr/bin/cos-installer-gui"
install -m 0644 "$here/deb/dev.cos.installer.desktop" "$root/usr/share/applications/"
install -m 0644 "$here/deb/dev.cos.installer.tray.desktop" "$root/etc/xdg/autostart/"
install -m 0644 "$here/polkit/dev.cos.installer.policy" "$root/usr/share/polkit-1/actions/"
gzip -9nc "$here/man/cos-installer.1" > "$root/usr/share/man/man1/cos-installer.1.gz"
chmod 0644 "$root/usr/share/man/man1/cos-installer.1.gz"
install -m 0644 "$here/deb/copyright" "$root/usr/share/doc/cos-installer/copyright"
for png in "$icons"/cos-installer-*.png; do
    size="${png##*-}"
    size="${size%.png}"
    install -D -m 0644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/dev.cos.installer.png"
done
chmod -R u=rwX,go=rX "$root/usr/lib/cos-installer/lib/app" "$root/usr/lib/cos-installer/demo-image"

# 3. Depends: the shared libraries of the bundled runtime and launcher (dpkg-shlibdeps), what
# JavaFX loads at run time from its jars (GTK 3, XTest), and the tools the engine drives. Recommends: what
# the tray icon uses on a StatusNotifier desktop (the AppIndicator library dorkbox loads; gdbus), docs/tray.md.
mapfile -t elf < <(find "$root/usr/lib/cos-installer" -type f \( -name '*.so' -o -perm -0100 \) -exec sh -c \
    'head -c4 "$1" | grep -q "ELF" && echo "$1"' sh {} \;)
mkdir -p "$work/shlibs/debian"
printf 'Source: cos-installer\n\nPackage: cos-installer\nArchitecture: amd64\n' > "$work/shlibs/debian/control"
shlibs="$(cd "$work/shlibs" && dpkg-shlibdeps -O --ignore-missing-info "${elf[@]/#/-e}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[[ -n "$shlibs" ]] || { log "dpkg-shlibdeps found no dependencies"; exit 1; }
tools="libgtk-3-0, libxtst6, util-linux, mount, fdisk, gdisk, e2fsprogs, dosfstools, mtools, squashfs-tools, tar, gzip, xz-utils, zstd, grub-common, grub-pc-bin, grub-efi-amd64-bin, pkexec"
cat > "$root/DEBIAN/control" <<EOF
Package: cos-installer
Version: $deb_version
Architecture: amd64
Maintainer: cOS installer developers <cos-installer@localhost>
Section: admin
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $shlibs, $tools
Recommends: libayatana-appindicator3-1, libglib2.0-bin
Description: installer for immutable A/B cOS systems
 The cOS installer writes a cOS system (active, passive and recovery images,
 GRUB for BIOS and UEFI) onto a disk or a disk image file, and upgrades,
 resets and reports on installed systems. The package holds the
 command-line engine (cos-installer), the graphical wizard
 (cos-installer-gui) with its own Java runtime, and the polkit action that
 lets the wizard start the engine through pkexec.
EOF

deb="$output/cos-installer_${deb_version}_amd64.deb"
log "dpkg-deb --build"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$deb" >&2
log "built $deb ($(du -m "$deb" | cut -f1) MiB) and $image in $((SECONDS - start)) s"
echo "$deb"
