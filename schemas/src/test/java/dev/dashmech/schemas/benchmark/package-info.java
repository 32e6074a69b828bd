/**
 * JMH benchmarks of the serdes. Run from the repository root:
 * <pre>
 * mvn -q -pl schemas -am test-compile
 * mvn -q -pl schemas exec:exec -Dexec.args="-cp %classpath org.openjdk.jmh.Main SerdeBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 * Figures are reported as ratios to the plain Avro anchor of the same run.
 */
package dev.dashmech.schemas.benchmark;
