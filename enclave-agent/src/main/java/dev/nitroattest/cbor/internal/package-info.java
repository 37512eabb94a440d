/**
 * A small, strict CBOR encoder and decoder for the NSM's messages and the agent protocol. Not API.
 * <p>Hand-written rather than Jackson's streaming parser because both protocols need to know things Jackson's
 * parser hides: whether a map had a definite length, whether a key was text, and the exact bytes written.
 */
package dev.nitroattest.cbor.internal;
