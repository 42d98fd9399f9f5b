package io.playerlens.models.descriptor;

import java.util.List;

/** A model descriptor with mistakes; the message lists every one, each naming the field and the rule. */
public class DescriptorException extends RuntimeException {
    private final List<String> problems;

    public DescriptorException(String where, List<String> problems) {
        super(where + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
