/**
 * Not API. The bounded load test: {@code java -cp parent-proxy/target/parent-proxy.jar
 * dev.nitroattest.proxy.load.LoadTest --clients 8 --seconds 30}. Its figures are in docs/performance.md.
 */
package dev.nitroattest.proxy.load;
