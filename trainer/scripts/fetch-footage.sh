#!/usr/bin/env bash
# fetch-footage.sh: frames of real video clips from Debian packages that FrameLift never trained
# on, to check the shipped models on footage from sources never seen.
#
#   scripts/fetch-footage.sh DEST   download the packages named in footage.tsv (apt-get download),
#                                   unpack them in a temporary folder (dpkg-deb -x, nothing is
#                                   installed), decode each clip with ffmpeg and write FRAMES of its
#                                   frames, evenly spaced, as DEST/<package>--<clip>-fNNNN.png, plus
#                                   DEST/SOURCES.tsv (file, package, version, licence)
#
# DEST is then an `evaluate --data` folder whose sources are the packages (no --holdout: every
# package in it is unseen). Needs apt-get, dpkg-deb and ffmpeg.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
list="$here/footage.tsv"
[[ $# -eq 1 && $1 != -* ]] || { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
dest=$1
for tool in apt-get dpkg-deb ffmpeg ffprobe; do
  command -v "$tool" >/dev/null || { echo "fetch-footage.sh: needs $tool" >&2; exit 1; }
done
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rows() { tail -n +2 "$list" | grep -v -e '^[[:space:]]*$' -e '^#'; }

mapfile -t packages < <(rows | cut -f1 | sort -u)
(cd "$work" && apt-get download -q "${packages[@]}" >/dev/null)
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$work/root"
done

printf 'file\tpackage\tversion\tlicence\n' > "$dest/SOURCES.tsv"
while IFS=$'\t' read -r package frames path licence; do
  version=$(dpkg-deb -f "$work/${package}"_*.deb Version)
  clip=$(basename "$path"); clip=${clip%.*}
  all="$work/frames/$package--$clip"
  mkdir -p "$all"
  ffmpeg -nostdin -v error -i "$work/root$path" -vsync passthrough "$all/%05d.png"
  total=$(find "$all" -name '*.png' | wc -l)
  for ((i = 0; i < frames; i++)); do
    # the middle of each of FRAMES equal parts of the clip
    n=$(( (2 * i + 1) * total / (2 * frames) + 1 ))
    name=$(printf '%s--%s-f%04d.png' "$package" "$clip" "$n")
    cp "$all/$(printf '%05d' "$n").png" "$dest/$name"
    printf '%s\t%s\t%s\t%s\n' "$name" "$package" "$version" "$licence" >> "$dest/SOURCES.tsv"
  done
  echo "$package $clip: $frames of $total frames"
done < <(rows)
