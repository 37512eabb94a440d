/**
 * Not API. The bounded load test: {@code java -cp parent-proxy/target/parent-proxy-tools.jar
 * dev.nitroattest.tools.load.LoadTest --clients 8 --seconds 30}. Its figures are in docs/performance.md. It runs an
 * agent with the emulated NSM in its own JVM, so it ships in the tools jar only, never in parent-proxy.jar.
 */
package dev.nitroattest.tools.load;
