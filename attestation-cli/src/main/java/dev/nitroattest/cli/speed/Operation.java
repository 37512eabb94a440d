package dev.nitroattest.cli.speed;

import java.util.Objects;

/**
 * A measured operation and the label of its figure.
 *
 * @param label such as {@code verify-warm/s}
 */
record Operation(String label, Task task) {

    Operation {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(task, "task");
    }
}
