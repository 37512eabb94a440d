package dev.nitroattest.image;

import dev.nitroattest.image.ImageBuildException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The metadata section as nitro-cli writes it: compact JSON of its {@code EifIdentityInfo}, keys in its order
 * (aws-nitro-enclaves-image-format {@code src/defs/mod.rs}). It is never measured, but it is part of the file's
 * bytes; nitro-cli puts the current time in {@code BuildTime}, which is why its images differ between builds. Here
 * the time is fixed, there is no Docker, and the build tool's version is the version of this builder's layout,
 * which changes only when the bytes it writes for the same inputs change.
 */
final class ImageMetadata {
    /** The Unix epoch in RFC 3339, the form nitro-cli's {@code BuildTime} takes. */
    static final String BUILD_TIME = "1970-01-01T00:00:00+00:00";
    static final String BUILD_TOOL = "nitro-attest";
    static final String LAYOUT_VERSION = "1";

    private ImageMetadata() {
    }

    static byte[] json(String imageName, String imageVersion, KernelRelease kernel) {
        String json = "{\"ImageName\":" + string(imageName)
                + ",\"ImageVersion\":" + string(imageVersion)
                + ",\"BuildMetadata\":{\"BuildTime\":" + string(BUILD_TIME)
                + ",\"BuildTool\":" + string(BUILD_TOOL)
                + ",\"BuildToolVersion\":" + string(LAYOUT_VERSION)
                + ",\"OperatingSystem\":" + string(kernel.operatingSystem())
                + ",\"KernelVersion\":" + string(kernel.version())
                + "},\"DockerInfo\":null,\"CustomMetadata\":null}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string of printable ASCII, which every value here is checked to be. */
    private static String string(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The operating system and version a kernel config's third line names, as nitro-cli reads them: {@code # Linux/x86
     * 4.14.256 Kernel Configuration} gives "Linux" and "4.14.256".
     */
    record KernelRelease(String operatingSystem, String version) {
        static KernelRelease fromConfig(List<String> lines, Object file) throws ImageBuildException {
            String[] words = lines.size() < 3 ? new String[0] : lines.get(2).strip().split(" +");
            if (words.length < 3 || !words[0].equals("#") || !words[1].contains("/")
                    || !printable(words[1]) || !printable(words[2])) {
                throw new ImageBuildException(Reason.INVALID_INPUT, file + " is not a kernel config: its third line "
                        + "should read '# Linux/x86 VERSION Kernel Configuration'; give the bzImage.config of the "
                        + "blobs.");
            }
            return new KernelRelease(words[1].substring(0, words[1].indexOf('/')), words[2]);
        }
    }

    static boolean printable(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
