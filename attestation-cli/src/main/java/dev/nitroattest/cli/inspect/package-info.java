/** {@code inspect}: every field of a document, decoded but not verified, as text or JSON. */
package dev.nitroattest.cli.inspect;
