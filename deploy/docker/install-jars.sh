#!/usr/bin/env sh
# Lays out one module's runtime for an image: DEST/lib/ holds the module's jar and every jar of
# its runtime class path (target/runtime-classpath.txt, written by `mvn package`).
#   deploy/docker/install-jars.sh enhancer /out/enhancer
set -eu
module=$1
dest=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
target="$root/$module/target"
[ -f "$target/runtime-classpath.txt" ] || { echo "install-jars: $target/runtime-classpath.txt is missing: package $module first" >&2; exit 1; }
mkdir -p "$dest/lib"
cp "$target"/framelift-"$module"-*.jar "$dest/lib/"
tr ':' '\n' < "$target/runtime-classpath.txt" | while IFS= read -r jar; do
  [ -n "$jar" ] && cp "$jar" "$dest/lib/"
done
