/** Not API. The proxy's counters and histograms, rendered in the Prometheus text format (version 0.0.4). */
package dev.nitroattest.proxy.internal.metrics;
