# Sourced by bench/run.sh and scripts/faults.sh (from the repository root): picks a JDK 21 or newer into $java and
# builds the jars when a source or pom is newer than any of them.

# pick_java NAME: $JAVA_HOME, else Temurin 25 where it is installed, else java on the PATH
pick_java() {
  if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
  java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  if ! "$java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
    echo "$1 needs a JDK 21 or newer: set JAVA_HOME to one" >&2
    exit 1
  fi
}

# build_if_stale TAG JAR...: ./mvnw package (no tests) when a JAR is missing or older than a pom or main source
build_if_stale() {
  local tag=$1 jar stale=
  shift
  for jar in "$@"; do
    if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -print -quit)" ]; then
      stale=yes
    fi
  done
  if [ -n "$stale" ]; then
    echo "[$tag] building (./mvnw -B -q -DskipTests package)"
    ./mvnw -B -q -DskipTests package
    # a jar whose module did not change is not rewritten; mark them all as built now, or the next run builds again
    touch "$@"
  fi
}
