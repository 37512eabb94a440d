/**
 * Not API. The bounded load test: {@code java -cp dev-tools/target/dev-tools.jar
 * dev.nitroattest.tools.load.LoadTest --clients 8 --seconds 30}. Its figures are in docs/performance.md. It runs an
 * agent with the emulated NSM in its own JVM, so it ships in the development tools' jar only.
 */
package dev.nitroattest.tools.load;
