/** How documents, certificates and byte fields are shown, as text and as JSON. */
package dev.nitroattest.cli.render;
