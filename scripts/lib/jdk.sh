# Sourced by .ci/run and scripts/lib/jars.sh: finds the newest JDK 21 or newer on this machine (fresh machines
# default to Java 17, which cannot run Tocsin's class files).

# java_major HOME: the Java version of the JDK at HOME (21, 25, …)
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

# pick_jdk: prints the home of the newest JDK >= 21 among $JAVA_HOME, the java on the PATH and the usual install
# folders; says what to install and fails when there is none
pick_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  local best="" best_major=0 home major
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    major=$(java_major "$home")
    major=${major%%.*}
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$home best_major=$major
    fi
  done
  [ -n "$best" ] || { echo "No JDK >= 21 found: install one (e.g. apt-get install openjdk-21-jdk-headless or Temurin) and set JAVA_HOME." >&2; return 1; }
  echo "$best"
}
