#!/bin/sh
# Builds a small Java run-time image of this machine's JDK 25 (jlink) that runs `lanes fingerprint`
# and `lanes cross-check` with nothing else installed: java.base, java.management and
# jdk.management (the fingerprint reads the JVM's UseAVX/UseSVE/UseFMA flags through them),
# jdk.incubator.vector and jdk.unsupported. Carry the image and cli/target/lanes.jar to another
# machine and run there, without Maven or a JDK:
#   IMAGE/bin/java -jar lanes.jar cross-check --java IMAGE/bin/java --jobs N
#
#   scripts/jlink-image.sh [--bundle] [OUT]
#
# OUT defaults to target/lanes-jdk (under the repository). --bundle also writes OUT.tar.gz holding
# the image (as lanes-jdk/) and lanes.jar, built first if stale: one file to carry; unpack it
# with `tar -xzf lanes-jdk.tar.gz` and run
#   lanes-jdk/bin/java -jar lanes.jar cross-check --java lanes-jdk/bin/java --jobs N
# The other commands (train, compare, paths) need java.desktop too and do not run in this image.
set -eu
say() { echo "jlink-image: $*" >&2; }
die() { say "$*"; exit 1; }

root=$(cd "$(dirname "$0")/.." && pwd)
bundle=0
out=""
for arg in "$@"; do
  case "$arg" in
    --bundle) bundle=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) die "unknown option '$arg' (usage: $0 [--bundle] [OUT])" ;;
    *) [ -z "$out" ] || die "one output folder only (got '$out' and '$arg')"; out="$arg" ;;
  esac
done
out="${out:-$root/target/lanes-jdk}"
. "$root/.mvn/find-jdk.sh"
lanes_find_jdk || exit 1
[ -x "$JAVA_HOME/bin/jlink" ] || die "$JAVA_HOME has no bin/jlink"

modules=java.base,java.management,jdk.management,jdk.incubator.vector,jdk.unsupported
rm -rf "$out"
mkdir -p "$(dirname "$out")"
# A JDK without jmods/ (Temurin 25 is one) links from its own run-time image (JEP 493).
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress zip-9 --output "$out" 2>&1 | grep -v '^WARNING: Using incubator modules' >&2 || true
[ -x "$out/bin/java" ] || die "jlink of $JAVA_HOME did not produce $out/bin/java (messages above)"
listed=$("$out/bin/java" --list-modules 2>/dev/null)
for m in $(echo "$modules" | tr ',' ' '); do
  echo "$listed" | grep -q "^$m@" || die "the image $out lacks the module $m"
done
say "$out: $(du -sh "$out" | cut -f1), $("$out/bin/java" -version 2>&1 | head -n 1), modules $modules"

if [ "$bundle" = 1 ]; then
  jar="$root/cli/target/lanes.jar"
  # built when missing or older than a pom or a source, as ./lanes does
  if [ ! -f "$jar" ] || [ -n "$(find "$root" -name target -prune -o -name .git -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print | head -n 1)" ]; then
    say "building $jar"
    (cd "$root" && ./mvnw -B -q -DskipTests -pl cli -am package) >&2 || die "the build of $jar failed"
  fi
  # the image must run the program: one short fingerprint
  "$out/bin/java" --add-modules jdk.incubator.vector -jar "$jar" fingerprint --short >/dev/null 2>&1 \
    || die "$out/bin/java cannot run lanes fingerprint --short from $jar"
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  cp -R "$out" "$stage/lanes-jdk"
  cp "$jar" "$stage/lanes.jar"
  tar -czf "$out.tar.gz.tmp" -C "$stage" lanes-jdk lanes.jar
  mv "$out.tar.gz.tmp" "$out.tar.gz"
  say "$out.tar.gz: $(du -sh "$out.tar.gz" | cut -f1); on the other machine:"
  say "  tar -xzf $(basename "$out").tar.gz && lanes-jdk/bin/java -jar lanes.jar cross-check --java lanes-jdk/bin/java --jobs N"
fi
