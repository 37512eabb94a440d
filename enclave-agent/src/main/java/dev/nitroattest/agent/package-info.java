/** The enclave agent. */
package dev.nitroattest.agent;
