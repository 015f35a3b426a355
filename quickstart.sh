#!/usr/bin/env bash
# claimgate quickstart: an embedded IdP and a real Kafka broker carrying claimgate, clients
# accepted and refused, all on this machine (no Docker). Needs Java 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building claimgate (the first run downloads dependencies from Maven Central)..."
mvn -B -q -ntp -DskipTests package -pl samples -am
exec java -cp "samples/target/classes:$(cat samples/target/quickstart.classpath)" io.claimgate.samples.Quickstart
