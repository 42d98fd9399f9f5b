package io.playerlens.emulators;

/** An emulator could not be started or did not become ready. */
public class EmulatorStartException extends RuntimeException {
    public EmulatorStartException(String message) {
        super(message);
    }
}
