# Sourced by ./tocsin, bench/run.sh and scripts/faults.sh (from the repository root): picks a JDK 21 or newer into $java and
# builds the jars when a source or pom is newer than any of them.

. scripts/lib/jdk.sh

# pick_java: the newest JDK 21 or newer (see jdk.sh) as $JAVA_HOME, its java as $java
pick_java() {
  JAVA_HOME=$(pick_jdk) || exit 1
  export JAVA_HOME
  java=$JAVA_HOME/bin/java
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
