package dev.nitroattest.eif;

/**
 * One section as found in the file.
 *
 * @param offset where the section's 12-byte header starts
 * @param size the size of its data, after the header
 */
public record EifSection(EifSectionType type, int flags, long offset, long size) {
}
