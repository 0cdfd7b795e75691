package dev.cvkit.sandbox.chaos.implementation;

/** An action the emulator cannot run: unknown URN, unsupported Chaos Mesh action, bad parameters. */
final class UnsupportedFaultException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    UnsupportedFaultException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
