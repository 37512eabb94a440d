/** What the project's processes share at start-up: {@link dev.nitroattest.process.StartupFailure}. */
package dev.nitroattest.process;
