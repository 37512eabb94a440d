/** {@code pcrs}: the measurements of an enclave image file. */
package dev.nitroattest.cli.image;
