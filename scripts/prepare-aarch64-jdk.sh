#!/usr/bin/env bash
# Prepares an aarch64 JDK 25 that runs on this x86 Debian machine under qemu's user-mode
# emulation, for `lanes cross-check` (README, "Check on CPUs you don't have"):
#   - qemu-aarch64-static: the one on the PATH, else the package qemu-user-static of this
#     machine's own Debian release, unpacked into DIR/bin;
#   - Debian's arm64 openjdk-25-jre-headless and the libraries it starts with (libc6, libgcc-s1,
#     libstdc++6, zlib1g), all from suite sid of the Debian archive this machine's apt sources
#     name, fetched with `apt-get download` under a private apt configuration (nothing of the
#     system's apt state or dpkg database is touched; root is not needed) and unpacked with
#     `dpkg -x` into DIR/root, whose absolute symbolic links are made relative, with lib -> usr/lib.
# It then runs  qemu-aarch64-static -L DIR/root DIR/root/usr/lib/jvm/java-25-openjdk-arm64/bin/java -version
# A second run finds DIR ready and only repeats that check.
#
#   scripts/prepare-aarch64-jdk.sh [--dir DIR] [--force]
#
# DIR: --dir, else $LANES_AARCH64, else ${XDG_CACHE_HOME:-$HOME/.cache}/lanes/aarch64 (where
# `lanes cross-check` looks). --force fetches and unpacks again. LANES_DEBIAN_MIRROR=URL names the
# Debian archive when the apt sources name none (e.g. on Ubuntu).
set -euo pipefail

say() { echo "prepare-aarch64-jdk: $*" >&2; }
die() { say "$*"; exit 1; }

dir="${LANES_AARCH64:-${XDG_CACHE_HOME:-$HOME/.cache}/lanes/aarch64}"
force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) [ $# -ge 2 ] || die "--dir needs a folder"; dir="$2"; shift 2 ;;
    --dir=*) dir="${1#--dir=}"; shift ;;
    --force) force=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (usage: $0 [--dir DIR] [--force])" ;;
  esac
done
mkdir -p "$dir" || die "cannot create the folder $dir"
dir=$(cd "$dir" && pwd)
root="$dir/root"
jdk=usr/lib/jvm/java-25-openjdk-arm64
packages=(openjdk-25-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g)

find_qemu() {
  if [ -x "$dir/bin/qemu-aarch64-static" ]; then
    echo "$dir/bin/qemu-aarch64-static"
  elif command -v qemu-aarch64-static >/dev/null 2>&1; then
    command -v qemu-aarch64-static
  fi
}

# The JDK must start under emulation and say it is Java 25.
check() {
  local qemu="$1" version
  version=$(QEMU_CPU=neoverse-n1 "$qemu" -L "$root" "$root/$jdk/bin/java" -version 2>&1) || {
    say "the emulated JDK does not start: $qemu -L $root $root/$jdk/bin/java -version said:"
    echo "$version" >&2
    return 1
  }
  case "$version" in
    *'version "25'*) ;;
    *) say "the emulated java is not Java 25: $version"; return 1 ;;
  esac
  say "ready: QEMU_CPU=neoverse-n1 $qemu -L $root $root/$jdk/bin/java ($(echo "$version" | sed -n 2p))"
}

if [ "$force" = 0 ] && [ -f "$dir/ready" ] && [ -x "$root/$jdk/bin/java" ]; then
  qemu=$(find_qemu)
  if [ -n "$qemu" ] && check "$qemu"; then
    exit 0
  fi
  say "$dir is incomplete; preparing it again"
fi
rm -f "$dir/ready"

case "$(uname -m)" in
  x86_64|amd64) ;;
  aarch64|arm64) die "this machine is aarch64 itself: lanes cross-check runs its levels natively" ;;
  *) die "only x86-64 machines are supported (this is $(uname -m))" ;;
esac
for tool in apt-get dpkg dpkg-deb realpath; do
  command -v "$tool" >/dev/null 2>&1 || die "needs $tool (a Debian or Debian-based system with apt)"
done
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
[ -n "$codename" ] || die "cannot read this machine's release from /etc/os-release (VERSION_CODENAME)"

# The Debian archive this machine's apt sources name for its own release, main component.
mirror="${LANES_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  # --no-release-info: the sources as configured, even where the lists were never downloaded
  targets=$(apt-get indextargets --no-release-info --format '$(SITE) $(RELEASE) $(COMPONENT)' 2>/dev/null || true)
  mirror=$(echo "$targets" | awk -v c="$codename" '$2 == c && $3 == "main" { print $1; exit }')
  # sources that name the suite (stable, ...) rather than the release: the first Debian archive
  [ -n "$mirror" ] || mirror=$(echo "$targets" | awk '$3 == "main" && $1 ~ /\/debian\/?$/ { print $1; exit }')
fi
[ -n "$mirror" ] || die "the apt sources name no archive for release '$codename' (main); name a Debian archive with LANES_DEBIAN_MIRROR=http://deb.debian.org/debian"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
signed=""
[ -r "$keyring" ] && signed="signed-by=$keyring"

# A private apt configuration in $1 (arch $2, suite $3): its own lists, cache, status and sources.
apt_private() {
  local state="$1" arch="$2" suite="$3"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/sources.list.d" "$state/preferences.d"
  : > "$state/status"
  echo "deb [arch=$arch${signed:+ $signed}] $mirror $suite main" > "$state/sources.list"
  apt_opts=(-o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
    -o "Dir::State::Lists=$state/lists" -o "Dir::State::Status=$state/status"
    -o "Dir::Cache=$state/cache" -o "Dir::Etc::SourceList=$state/sources.list"
    -o "Dir::Etc::SourceParts=$state/sources.list.d" -o "Dir::Etc::Preferences=$state/preferences"
    -o "Dir::Etc::PreferencesParts=$state/preferences.d" -o "Debug::NoLocking=1")
  # as root apt would hand the download to the _apt user, who cannot write to a home folder
  [ "$(id -u)" = 0 ] && apt_opts+=(-o "APT::Sandbox::User=root")
  # an unreachable archive is only a warning to apt-get update: look for it in the log
  if ! apt-get -q "${apt_opts[@]}" update >"$state/update.log" 2>&1 \
      || grep -qE '^(E|W): (Failed to fetch|Some index files failed)' "$state/update.log"; then
    grep -E '^(E|W|Err):' "$state/update.log" >&2 || cat "$state/update.log" >&2
    die "apt-get update of $mirror $suite ($arch) failed (above)"
  fi
}

# qemu-aarch64-static from this machine's release, unless one is installed.
qemu=$(find_qemu)
if [ -z "$qemu" ]; then
  host_arch=$(dpkg --print-architecture)
  say "fetching qemu-user-static ($host_arch) from $mirror $codename"
  apt_private "$dir/apt-host" "$host_arch" "$codename"
  rm -rf "$dir/qemu.deb.d" && mkdir -p "$dir/qemu.deb.d"
  (cd "$dir/qemu.deb.d" && apt-get -q "${apt_opts[@]}" download qemu-user-static >/dev/null) \
    || die "apt-get download qemu-user-static from $mirror $codename failed"
  mkdir -p "$dir/bin" "$dir/qemu.x"
  dpkg-deb --fsys-tarfile "$dir"/qemu.deb.d/qemu-user-static_*.deb \
    | tar -x -C "$dir/qemu.x" --wildcards '*/qemu-aarch64-static' \
    || die "the package qemu-user-static has no qemu-aarch64-static"
  found=$(find "$dir/qemu.x" -name qemu-aarch64-static \( -type f -o -type l \) | head -n 1)
  [ -n "$found" ] || die "the package qemu-user-static has no qemu-aarch64-static"
  cp -L "$found" "$dir/bin/qemu-aarch64-static.tmp" 2>/dev/null \
    || die "qemu-aarch64-static in the package is a link to a file not extracted; install qemu-user-static instead"
  chmod +x "$dir/bin/qemu-aarch64-static.tmp"
  mv "$dir/bin/qemu-aarch64-static.tmp" "$dir/bin/qemu-aarch64-static"
  rm -rf "$dir/qemu.x" "$dir/qemu.deb.d"
  qemu="$dir/bin/qemu-aarch64-static"
fi
say "qemu: $qemu"

say "fetching ${packages[*]} (arm64) from $mirror sid"
apt_private "$dir/apt-arm64" arm64 sid
rm -rf "$dir/debs" && mkdir -p "$dir/debs"
(cd "$dir/debs" && apt-get -q "${apt_opts[@]}" download "${packages[@]}" >/dev/null) \
  || die "apt-get download ${packages[*]} from $mirror sid (arm64) failed"

# Unpack beside the old root and swap at the end: a failure leaves no half-made root behind.
new="$dir/root.new"
rm -rf "$new" && mkdir -p "$new"
for deb in "$dir"/debs/*.deb; do
  dpkg -x "$deb" "$new" || die "dpkg -x $deb failed"
done
# Absolute links (conf -> /etc/java-25-openjdk, ...) would leave the root: point them inside it.
find "$new" -type l -lname '/*' -print0 | while IFS= read -r -d '' link; do
  target=$(readlink "$link")
  ln -sfn "$(realpath -s -m --relative-to="$(dirname "$link")" "$new$target")" "$link"
done
# The loader is /lib/ld-linux-aarch64.so.1 and the libraries live under usr/lib (merged /usr).
[ -e "$new/lib" ] || ln -s usr/lib "$new/lib"
[ -x "$new/$jdk/bin/java" ] || die "the package openjdk-25-jre-headless has no $jdk/bin/java"
rm -rf "$root.old"
[ -e "$root" ] && mv "$root" "$root.old"
mv "$new" "$root"
rm -rf "$root.old"

check "$qemu" || die "the aarch64 JDK in $root does not start (see above)"
for deb in "$dir"/debs/*.deb; do
  dpkg-deb -f "$deb" Package Version | sed 's/^[^:]*: //' | paste -sd' '
done > "$dir/ready"
rm -rf "$dir/debs" "$dir/apt-arm64" "$dir/apt-host"
say "prepared $dir: $(paste -sd, "$dir/ready" | sed 's/,/, /g')"
