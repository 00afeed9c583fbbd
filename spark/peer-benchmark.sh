#!/bin/sh
# Lanes on Spark against Spark MLlib's MultilayerPerceptronClassifier on Fashion-MNIST
# (784-256-128-10, local[2]) and against single-JVM Lanes in images/s; prints one table.
#   spark/peer-benchmark.sh [--no-mllib] [--mllib-solvers l-bfgs,gd] [--batch-size N] [--micro-batch N] [--target ACC]
#                           [--max-epochs N] [--data DIR]
# Needs the Debian package dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist),
# or --data DIR with the four IDX files. The MLlib rows take most of the time (l-bfgs about
# 400 s, gd about as long on two cores); --no-mllib leaves them out. Run it on a quiet machine.
# LANES_MAIN=dev.lanes.spark.OverheadProbe spark/peer-benchmark.sh [FLOATS STEPS] measures instead
# what one step's exchange costs with a Spark job per step and with the training tasks' sockets.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. "$root/.mvn/find-jdk.sh"
lanes_find_jdk || exit 1
cp="$root/spark/target/peer-benchmark.classpath"
./mvnw -B -q -pl spark -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp" >&2
exec "$JAVA_HOME/bin/java" -Xmx8g -XX:+UseParallelGC --add-modules jdk.incubator.vector \
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$root/spark/target/test-classes:$root/spark/target/classes:$(cat "$cp")" \
  "${LANES_MAIN:-dev.lanes.spark.PeerBenchmark}" "$@"
