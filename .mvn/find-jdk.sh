# Finds a JDK 25 or newer for Lanes' build and launcher; sourced by ./mvnw and ./lanes.
# Looks at JAVA_HOME, the javac on the PATH, then the usual install folders, and exports
# JAVA_HOME to the first JDK >= 25. POSIX sh.

lanes_jdk_major() {
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

lanes_find_jdk() {
  lanes_onpath=""
  if command -v javac >/dev/null 2>&1; then
    lanes_onpath=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  for lanes_cand in "${JAVA_HOME:-}" "$lanes_onpath" /usr/lib/jvm/* /usr/java/* /usr/local/java/* \
      /opt/java/* /opt/jdk* /usr/local/opt/openjdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      "$HOME"/.asdf/installs/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$lanes_cand" ] && [ -x "$lanes_cand/bin/javac" ] || continue
    lanes_major=$(lanes_jdk_major "$lanes_cand")
    case "$lanes_major" in ''|*[!0-9]*) continue ;; esac
    if [ "$lanes_major" -ge 25 ]; then
      JAVA_HOME="$lanes_cand"
      export JAVA_HOME
      return 0
    fi
  done
  echo "Lanes needs a JDK 25 or newer: none was found in JAVA_HOME, on the PATH or under /usr/lib/jvm (or the other usual places); install one (for example Temurin 25) or set JAVA_HOME to it." >&2
  return 1
}
