/** Implementation of the test kit: not API, may change in any release. */
package dev.nitroattest.testkit.internal;
