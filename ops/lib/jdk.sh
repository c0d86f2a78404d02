# Sourced by ops/pulse and .ci/run: pick a JDK 21 or newer.
#
# Order: $JAVA_HOME if it is 21+, then the newest 21+ JDK among `java` on the PATH and the usual install
# folders. Prints the JDK's home on stdout; on failure says what it found and what to do, and returns 1.

pulse_java_version() {
    # Feature version of the JDK at $1 (17, 21, 25, ...), or nothing.
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) }'
}

pulse_find_jdk() {
    local required=21 candidate version best="" best_version=0 seen=""
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        version=$(pulse_java_version "$JAVA_HOME")
        if [ -n "$version" ] && [ "$version" -ge "$required" ]; then
            echo "$JAVA_HOME"
            return 0
        fi
        seen="$seen $JAVA_HOME (Java ${version:-?})"
    fi

    local candidates=()
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/*; do
        [ -d "$candidate" ] && candidates+=("$candidate")
    done

    for candidate in "${candidates[@]}"; do
        [ -x "$candidate/bin/javac" ] || continue
        version=$(pulse_java_version "$candidate")
        [ -n "$version" ] || continue
        if [ "$version" -ge "$required" ] && [ "$version" -gt "$best_version" ]; then
            best="$candidate"
            best_version="$version"
        elif [ "$version" -lt "$required" ]; then
            seen="$seen $candidate (Java $version)"
        fi
    done

    if [ -n "$best" ]; then
        echo "$best"
        return 0
    fi

    echo "AlphaPulse needs a JDK $required or newer (jOOQ 3.21 and the build require it)." >&2
    echo "Found only:${seen:- no JDK at all}." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin JDK) or set JAVA_HOME to it." >&2
    return 1
}
