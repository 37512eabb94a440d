/** {@code build-image}: a reproducible enclave image for a Java application, with its PCRs. */
package dev.nitroattest.cli.build;
