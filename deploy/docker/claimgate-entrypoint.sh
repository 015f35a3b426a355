#!/bin/sh
# Renders claimgate's sample server.properties (its ${NAME} placeholders, filled from environment
# variables of the same name) into /mnt/shared/config/server.properties, where the official Kafka
# image's launcher takes its file input and then applies the KAFKA_* variables on top. A placeholder
# without a value stops the container: a broker must never start half-configured.
#
# Usage: claimgate-entrypoint.sh <command...>   (TEMPLATE and OUTPUT may be overridden for tests)
set -eu
TEMPLATE="${CLAIMGATE_TEMPLATE:-/opt/claimgate/config/server.properties.template}"
OUTPUT="${CLAIMGATE_OUTPUT:-/mnt/shared/config/server.properties}"

# awk reads the values from its environment (ENVIRON), so nothing is expanded by the shell.
awk '
{
    line = $0; out = ""
    while (match(line, /\$\{[A-Z0-9_]+\}/)) {
        name = substr(line, RSTART + 2, RLENGTH - 3)
        if (!(name in ENVIRON)) {
            printf "claimgate: %s needs a value for ${%s} (set the environment variable %s)\n", FILENAME, name, name > "/dev/stderr"
            failed = 1
            exit 2
        }
        out = out substr(line, 1, RSTART - 1) ENVIRON[name]
        line = substr(line, RSTART + RLENGTH)
    }
    print out line
}
' "$TEMPLATE" > "$OUTPUT.tmp" || { rm -f "$OUTPUT.tmp"; exit 2; }
mv "$OUTPUT.tmp" "$OUTPUT"

# Kafka fetches keys only from URLs this system property allows (the sample's first lines).
case "${KAFKA_OPTS:-}" in
    *org.apache.kafka.sasl.oauthbearer.allowed.urls=*) ;;
    *) export KAFKA_OPTS="${KAFKA_OPTS:-} -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=${IDP_JWKS_URI}" ;;
esac

if [ "$#" -gt 0 ]; then
    exec "$@"
fi
