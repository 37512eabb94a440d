/**
 * A client for the Nitro Secure Module: {@link dev.nitroattest.nsm.Nsm} offers every NSM operation,
 * {@link dev.nitroattest.nsm.NsmCodec} writes requests byte for byte as the NSM expects and reads its answers by key
 * name, and an {@link dev.nitroattest.nsm.NsmTransport} carries the bytes: the device
 * ({@link dev.nitroattest.nsm.device.NsmDevice}) or, on developer machines only, an emulation found through
 * {@link dev.nitroattest.nsm.NsmEmulation} (the dev-nsm-emulator module).
 */
package dev.nitroattest.nsm;
