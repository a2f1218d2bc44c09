#!/usr/bin/env bash
# Makes docs/showcase.png, the before/after picture at the top of the README, with the models
# in models/, the surveillance clip frames and an archive photo the repository ships (none of
# them trained on), plus one row for a camera's own model (samples/camera-model, fine-tuned on
# the clip's first two thirds) on a frame of its last third. Needs ImageMagick (apt-get install imagemagick).
#   docs/showcase.sh [MODELS_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
models=${1:-$root/models}
demo=$root/enhancer/src/main/resources/demo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v montage >/dev/null || { echo "needs ImageMagick's montage (apt-get install imagemagick)" >&2; exit 2; }

# 1. surveillance, x2: a 768x576 camera frame halved (box filter: a smaller sensor), then enhanced
convert "$demo/clip-05.jpg" -filter box -resize 50% "$work/x2-in.png"
# 2. a distant camera, x4: another frame of the clip quartered
convert "$demo/clip-02.jpg" -filter box -resize 25% "$work/x4-in.png"
# 3. archive scan, colorize: the demo's first archive photo (OpenCV's fruits) in grayscale
convert "$demo/photo-fruits.jpg" -colorspace gray -type grayscale "$work/gray-in.png"
# 4. the same camera later on (frame 700 of 795), gray: the general colorizer and the camera's own
later=$root/docs/vtest-frame-700.jpg
convert "$later" -colorspace gray -type grayscale "$work/late-in.png"

"$root/framelift" enhance --models "$models" --task sr-x2 "$work/x2-in.png" "$work/x2-out.png" >/dev/null
"$root/framelift" enhance --models "$models" --task sr-x4 "$work/x4-in.png" "$work/x4-out.png" >/dev/null
"$root/framelift" enhance --models "$models" --task colorize "$work/gray-in.png" "$work/gray-out.png" >/dev/null
"$root/framelift" enhance --models "$models" --task colorize "$work/late-in.png" "$work/late-general.png" >/dev/null
"$root/framelift" enhance --models "$root/samples/camera-model" --task colorize "$work/late-in.png" "$work/late-camera.png" >/dev/null

# crops (in output pixels) that hold detail: people and a sign, the building, the whole scene
crop() { convert "$1" -crop "$2" +repage -filter point -resize "$3" "$4"; }
crop "$work/x2-in.png"  160x110+190+60 440x302 "$work/a1.png"
convert "$work/x2-in.png" -filter catrom -resize 200% "$work/x2-bicubic.png"
crop "$work/x2-bicubic.png" 320x220+380+120 440x302 "$work/a2.png"
crop "$work/x2-out.png" 320x220+380+120 440x302 "$work/a3.png"
crop "$demo/clip-05.jpg" 320x220+380+120 440x302 "$work/a4.png"

crop "$work/x4-in.png" 60x41+100+10 440x302 "$work/b1.png"
convert "$work/x4-in.png" -filter catrom -resize 400% "$work/x4-bicubic.png"
crop "$work/x4-bicubic.png" 240x165+400+40 440x302 "$work/b2.png"
crop "$work/x4-out.png" 240x165+400+40 440x302 "$work/b3.png"
crop "$demo/clip-02.jpg" 240x165+400+40 440x302 "$work/b4.png"

shrink() { convert "$1" -crop 512x352+0+64 +repage -resize 440x302 "$2"; }
shrink "$work/gray-in.png" "$work/c1.png"
cp "$work/c1.png" "$work/c2.png"
shrink "$work/gray-out.png" "$work/c3.png"
shrink "$demo/photo-fruits.jpg" "$work/c4.png"

crop "$work/late-in.png" 440x302+160+60 440x302 "$work/d1.png"
crop "$work/late-general.png" 440x302+160+60 440x302 "$work/d2.png"
crop "$work/late-camera.png" 440x302+160+60 440x302 "$work/d3.png"
crop "$later" 440x302+160+60 440x302 "$work/d4.png"

montage -font DejaVu-Sans -pointsize 15 -background '#202020' -fill white -geometry +4+4 -tile 4x4 \
  -label 'sr-x2 input (384x288 camera)' "$work/a1.png" -label 'bicubic x2' "$work/a2.png" \
  -label 'FrameLift sr-x2' "$work/a3.png" -label 'original 768x576' "$work/a4.png" \
  -label 'sr-x4 input (192x144 camera)' "$work/b1.png" -label 'bicubic x4' "$work/b2.png" \
  -label 'FrameLift sr-x4' "$work/b3.png" -label 'original' "$work/b4.png" \
  -label 'colorize input (archive, gray)' "$work/c1.png" -label '(gray input)' "$work/c2.png" \
  -label 'FrameLift colorize' "$work/c3.png" -label 'original colour' "$work/c4.png" \
  -label 'a later frame, grayscale' "$work/d1.png" -label 'FrameLift colorize (general)' "$work/d2.png" \
  -label "FrameLift colorize (this camera's model)" "$work/d3.png" -label 'original colour' "$work/d4.png" \
  "$root/docs/showcase.png"
echo "wrote $root/docs/showcase.png"
