#!/usr/bin/env bash
# The per-camera experiment of trainer/README.md ("Measured on a fixed camera"), end to end through Kafka:
# a fixed camera's clip, its first two thirds streamed into frames.raw, a colorizer and an sr-x2
# model fine-tuned on that stream for 15 minutes each and published to the models topic, then both
# general and fine-tuned models measured on the last third (never trained or validated on).
#
#   models/reports/per-camera/run.sh [CLIP] [WORK] [PORT]
#
# Needs ffmpeg, kcat and python3. Defaults: data/video/vtest.avi, /tmp/framelift-per-camera, 19300.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
clip=${1:-$home/data/video/vtest.avi}
work=${2:-/tmp/framelift-per-camera}
port=${3:-19300}
framelift="$home/framelift"
wire="python3 $home/schemas/examples/framelift_wire.py"
mkdir -p "$work"/{all,train,test,records/cam,records/cam-main}

# 1. frames: the first two thirds for training (the trainer holds the newest tenth of them out), the last third to test
ffmpeg -loglevel error -y -i "$clip" -start_number 0 "$work/all/f%04d.png"
total=$(ls "$work/all" | wc -l)
cut=$((total * 2 / 3))
for f in "$work"/all/*.png; do
  n=$(basename "$f" .png); i=$((10#${n#f}))
  if [ "$i" -lt "$cut" ]; then ln -sf "$f" "$work/train/"; else ln -sf "$f" "$work/test/"; fi
done
echo "$total frames: $cut to train on, $((total - cut)) to test on"

# 2. a broker, and the training frames streamed into frames.raw: stream cam (colorize), and cam-main,
#    the same frames as the camera's full-resolution stream (sr-x2 trains on it)
"$framelift" broker --port "$port" --dir "$work/kafka" > "$work/broker.log" 2>&1 &
broker=$!
trap 'kill $broker' EXIT
until grep -q "ready at" "$work/broker.log"; do sleep 1; done
for f in $(ls "$work/train" | sort); do
  i=$((10#$(basename "$f" .png | cut -c2-)))
  $wire encode-frame --stream cam --seq "$i" --task colorize "$work/train/$f" > "$work/records/cam/$f.bin"
  $wire encode-frame --stream cam-main --seq "$i" --task sr-x2 "$work/train/$f" > "$work/records/cam-main/$f.bin"
done
for s in cam cam-main; do
  kcat -P -b "127.0.0.1:$port" -t frames.raw -k "$s" -X message.max.bytes=20000000 $(ls -d "$work/records/$s/"*.bin | sort)
done

# 3. fine-tune from the shipped models on the stream, 15 minutes each, and publish (signed)
[ -f "$work/ops.key" ] || "$framelift" models keygen --out "$work/ops"
uptime
nice -n 10 "$framelift" train --task colorize --init "$home/models/colorize" --from-topic frames.raw --stream cam \
  --bootstrap-servers "127.0.0.1:$port" --minutes 15 --threads 2 --out "$work/colorize" --publish --sign-key "$work/ops.key"
uptime
nice -n 10 "$framelift" train --task sr-x2 --init "$home/models/sr-x2" --from-topic frames.raw --stream cam-main \
  --scope sr-x2@cam --bootstrap-servers "127.0.0.1:$port" --minutes 15 --threads 2 --out "$work/sr-x2" --publish \
  --sign-key "$work/ops.key"
uptime
"$framelift" models list --bootstrap-servers "127.0.0.1:$port"

# 4. the last third, never seen: general vs fine-tuned
for m in "colorize $home/models/colorize general-colorize" "colorize $work/colorize/model cam-colorize" \
         "sr-x2 $home/models/sr-x2 general-sr-x2" "sr-x2 $work/sr-x2/model cam-sr-x2"; do
  set -- $m
  nice -n 10 "$framelift" evaluate --model "$2" --data "$work/test" --threads 2 --report "$work/eval/$3" \
    > "$work/eval-$3.txt"
  tail -3 "$work/eval-$3.txt" | head -1
done
