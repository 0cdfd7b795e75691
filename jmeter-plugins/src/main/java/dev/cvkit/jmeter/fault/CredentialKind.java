package dev.cvkit.jmeter.fault;

import java.util.Locale;

/**
 * Where the Chaos Studio access token comes from. Saved in plans by its {@link #key()}, never by position.
 */
public enum CredentialKind {
    /** azure-identity's DefaultAzureCredential chain. */
    DEFAULT("credential.default"),
    /** A managed identity only (system-assigned, or user-assigned by client id). */
    MANAGED_IDENTITY("credential.managedIdentity");

    private final String key;

    CredentialKind(String key) {
        this.key = key;
    }

    /** The stable key saved in a plan (also the GUI text's resource key). */
    public String key() {
        return key;
    }

    /**
     * Reads a saved value: the key, or the key without its {@code credential.} prefix, ignoring case
     * (so {@code ${__P(credential,managedIdentity)}} works); blank means {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static CredentialKind fromKey(String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            return DEFAULT;
        }
        for (CredentialKind kind : values()) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (kind.key.toLowerCase(Locale.ROOT).equals(lower)
                    || kind.key.substring("credential.".length()).toLowerCase(Locale.ROOT).equals(lower)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("credential '" + text + "' is not one of " + DEFAULT.key + ", "
                + MANAGED_IDENTITY.key);
    }
}
