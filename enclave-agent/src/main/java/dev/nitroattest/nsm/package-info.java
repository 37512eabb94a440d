/**
 * A client for the Nitro Secure Module: {@link dev.nitroattest.nsm.Nsm} offers every NSM operation,
 * {@link dev.nitroattest.nsm.NsmCodec} writes requests byte for byte as the NSM expects and reads its answers by key
 * name, and an {@link dev.nitroattest.nsm.NsmTransport} carries the bytes: the device
 * ({@link dev.nitroattest.nsm.device.NsmDevice}) or the emulation ({@link dev.nitroattest.nsm.emulated.EmulatedNsm}).
 */
package dev.nitroattest.nsm;
