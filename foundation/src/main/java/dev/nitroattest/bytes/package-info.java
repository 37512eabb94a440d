/**
 * {@link dev.nitroattest.bytes.Bytes}, the immutable byte string that documents, PCRs, keys, nonces and the agent's
 * and NSM's messages are handed around as: arrays go in and come out as copies.
 */
package dev.nitroattest.bytes;
