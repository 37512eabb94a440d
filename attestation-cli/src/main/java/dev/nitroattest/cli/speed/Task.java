package dev.nitroattest.cli.speed;

/** One operation to repeat; it returns its result so that the work cannot be optimised away. */
@FunctionalInterface
interface Task {
    Object run() throws Exception;
}
