package io.playerlens.models.runtime;

/** A model's output lacks what its descriptor reads (e.g. a ZipMap without the named class): a descriptor mistake. */
public final class ModelOutputException extends RuntimeException {
    public ModelOutputException(String message) {
        super(message);
    }
}
