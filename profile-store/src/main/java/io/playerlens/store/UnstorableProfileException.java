package io.playerlens.store;

import java.util.List;

/** A profile item the store cannot hold; the message names every value at fault and why. */
public final class UnstorableProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public UnstorableProfileException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
