#!/bin/sh
# Renders icons/src/svg/*.svg to the PNGs the app loads from the class path. The PNGs are committed,
# so a build never needs this; run it after changing an SVG (needs rsvg-convert: apt-get install librsvg2-bin).
# The app icon gets 16..512 (desktop files, window icons); every other icon 16..64.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/src/svg"
out="$here/src/main/resources/dev/cos/installer/icons"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing: apt-get install -y librsvg2-bin" >&2; exit 1; }
mkdir -p "$out"
for svg in "$src"/*.svg; do
    name=$(basename "$svg" .svg)
    if [ "$name" = cos-installer ]; then
        sizes="16 24 32 48 64 128 256 512"
    else
        sizes="16 24 32 48 64"
    fi
    for size in $sizes; do
        rsvg-convert --width "$size" --height "$size" --format png --output "$out/$name-$size.png" "$svg"
    done
done
echo "rendered $(ls "$src"/*.svg | wc -l) icons into $out"
