/**
 * Not API: the two envelope forms' layouts (KMS's BER EnvelopedData, the authenticated form's DER AuthEnvelopedData,
 * the recipient info they share) and the RSA, AES-CBC and AES-GCM primitives behind the secrets package.
 */
package dev.nitroattest.secrets.internal;
