/** Not API: the KMS envelope's BER layout and the RSA and AES primitives behind the secrets package. */
package dev.nitroattest.secrets.internal;
