/** JMH benchmarks of attestation-core. */
package dev.nitroattest.benchmarks;
