/**
 * Not API: the implementation of parsing and verification, which may change in any release. The
 * project's own modules (the agent, the CLI, the benchmarks) use some of it, and nothing outside the
 * project should.
 */
package dev.nitroattest.attestation.internal;
