/**
 * Untrusted text made fit for one printed or logged line: {@link dev.nitroattest.text.PrintableText}, the notation
 * the library's rejection details, the command-line tool and the agent's and proxy's logs share;
 * {@link dev.nitroattest.text.DurationText}, the one duration syntax of every program's command line; and
 * {@link dev.nitroattest.text.Utf8}, the one strict UTF-8 check of the CBOR and DER readers.
 */
package dev.nitroattest.text;
