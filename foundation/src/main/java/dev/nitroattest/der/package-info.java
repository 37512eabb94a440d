/**
 * A strict DER reader (X.690), JDK-only: {@link dev.nitroattest.der.DerReader} walks the elements of a span in
 * order with typed reads that check their content's DER rules, {@link dev.nitroattest.der.StrictDer} checks that a
 * whole element is DER everywhere inside it, and {@link dev.nitroattest.der.ObjectIdentifier} is an identifier kept
 * as its DER content. Every fault is a {@link dev.nitroattest.der.DerException} saying what is wrong. The verifier
 * decodes X.509 certificates with it, and attested TLS reads its certificates' extensions.
 */
package dev.nitroattest.der;
