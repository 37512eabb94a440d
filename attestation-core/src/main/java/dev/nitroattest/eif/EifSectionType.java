package dev.nitroattest.eif;

/** The kinds of EIF section, with their on-disk type numbers. */
public enum EifSectionType {
    /** The kernel image: measured into PCR0 and PCR1. */
    KERNEL(1),
    /** The kernel command line, without a trailing NUL. */
    CMDLINE(2),
    /** An initramfs: the first is measured into PCR0 and PCR1, the others into PCR0 and PCR2. */
    RAMDISK(3),
    /** Present in signed images: the signing certificate and a COSE_Sign1 over PCR0. */
    SIGNATURE(4),
    /** JSON build metadata; never measured. */
    METADATA(5);

    private final int code;

    EifSectionType(int code) {
        this.code = code;
    }

    /** The type number in the section header. */
    public int code() {
        return code;
    }

    static EifSectionType fromCode(int code) {
        for (EifSectionType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
