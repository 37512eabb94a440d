package dev.nitroattest.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The plain reader's option names are the verify command's picocli model's: an option added to, renamed in or
 * changed in the model fails here until PlainVerifyLine knows it, so the two never read a line differently.
 */
class PlainVerifyLineModelTest {
    /** Left to picocli: help, and --format, whose value the plain reader does not convert. */
    private static final Set<String> LEFT_TO_PICOCLI = Set.of("-h", "--help", "--format");

    private final List<OptionSpec> options = new VerifyCommand(null).spec().options();

    private List<OptionSpec> plainOptions() {
        return options.stream().filter(o -> !LEFT_TO_PICOCLI.contains(o.longestName())).toList();
    }

    @Test
    void everyOptionOfTheModelIsAPlainFlagOrAPlainOptionWithOneValueOrLeftToPicocli() {
        Set<String> modelNames = new HashSet<>();
        for (OptionSpec option : options) {
            modelNames.addAll(List.of(option.names()));
            if (LEFT_TO_PICOCLI.contains(option.longestName())) {
                assertTrue(option.usageHelp() || option.longestName().equals("--format"), option.longestName());
                for (String name : option.names()) {
                    assertTrue(LEFT_TO_PICOCLI.contains(name), name);
                }
                continue;
            }
            for (String name : option.names()) {
                if (option.arity().max() == 0) {
                    assertTrue(PlainVerifyLine.FLAGS.contains(name), name + " is a flag the plain reader lacks");
                    assertEquals(0, option.arity().min(), name);
                } else {
                    assertEquals(1, option.arity().min(), name + " takes other than one value");
                    assertEquals(1, option.arity().max(), name + " takes other than one value");
                    assertTrue(PlainVerifyLine.WITH_VALUE.contains(name),
                            name + " is an option the plain reader lacks");
                }
            }
        }
        Set<String> plainNames = new HashSet<>(PlainVerifyLine.FLAGS);
        plainNames.addAll(PlainVerifyLine.WITH_VALUE);
        assertEquals(PlainVerifyLine.FLAGS.size() + PlainVerifyLine.WITH_VALUE.size(), plainNames.size(),
                "a name is both a flag and an option with a value");
        assertTrue(modelNames.containsAll(plainNames), "the plain reader knows a name the model does not: "
                + plainNames.stream().filter(n -> !modelNames.contains(n)).toList());
        assertTrue(plainNames.stream().noneMatch(LEFT_TO_PICOCLI::contains));
    }

    @Test
    void theRepeatableOptionsAreTheModelsMultiValueOptions() {
        Set<String> multiValue = plainOptions().stream().filter(OptionSpec::isMultiValue)
                .flatMap(o -> List.of(o.names()).stream()).collect(Collectors.toSet());
        assertEquals(multiValue, PlainVerifyLine.REPEATABLE);
        assertTrue(PlainVerifyLine.WITH_VALUE.containsAll(PlainVerifyLine.REPEATABLE));
    }

    /** A default value or a split regex would make picocli read a plain line differently from the plain reader. */
    @Test
    void noPlainOptionHasADefaultValueOrASplitRegex() {
        for (OptionSpec option : plainOptions()) {
            assertNull(option.defaultValue(), option.longestName() + " has a default value");
            assertEquals("", option.splitRegex(), option.longestName() + " has a split regex");
        }
    }
}
