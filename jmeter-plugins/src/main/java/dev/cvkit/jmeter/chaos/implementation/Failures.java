package dev.cvkit.jmeter.chaos.implementation;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in words a user can act on why a call got no answer or no token, from the exception chain of the JDK
 * HTTP client, azure-identity and MSAL4J. Their own top messages do not ("Managed Identity authentication
 * failed, see inner exception", {@code ConnectException} with no message over a {@code ClosedChannelException}).
 */
public final class Failures {

    private static final String NOT_ATTACHED = "the managed identity is not attached to this host, or the client id is wrong";

    private Failures() {
    }

    /** Why a connection failed: {@code connection refused}, {@code unknown host ...}, {@code TLS failed: ...}; null if not known. */
    public static String connection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof ConnectException) {
                // The JDK client's ConnectException has no message when the port refuses (its cause is a
                // ClosedChannelException); "Connection timed out" and the like keep their own words.
                String message = cause.getMessage();
                return message == null || message.isBlank() || message.toLowerCase(Locale.ROOT).contains("refused")
                        ? "connection refused" : firstLine(message);
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (cause instanceof UnknownHostException || cause instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host" + (cause.getMessage() == null ? "" : " " + firstLine(cause.getMessage()));
            }
            if (cause instanceof SSLException) {
                return "TLS failed: " + firstLine(cause.getMessage());
            }
        }
        return null;
    }

    /**
     * Why no token could be had: the identity endpoint refused the secret, the identity is not attached (or
     * the client id is wrong), or the identity endpoint cannot be reached; then the innermost service
     * message. Never contains a token (azure-identity and MSAL4J put none in their messages).
     */
    public static String token(Throwable failure) {
        String connection = connection(failure);
        String innermost = innermostMessage(failure);
        String reason;
        // DefaultAzureCredential's chain keeps only its members' messages, one a line, not their causes: these
        // two lines are its managed identity's (the second begins a line, unlike a lone ManagedIdentityCredential's
        // message, whose causes say more below). The chain's first line is EnvironmentCredential's, so none is added.
        if (connection == null && mentions(failure, "no response received from the imds endpoint")) {
            return "the identity endpoint cannot be reached (no answer from IMDS)";
        }
        if (connection == null && mentions(failure, "\nmanaged identity authentication is not available")) {
            // IMDS answered the chain's probe but gave no token: IMDS's 400 "Identity not found".
            return NOT_ATTACHED;
        }
        if (connection != null) {
            reason = "the identity endpoint cannot be reached: " + connection;
        } else if (mentions(failure, "identity not found", "has not been assigned", "unable to load the proper managed identity",
                "no managed identity", "not found in tenant")) {
            reason = NOT_ATTACHED;
        } else if (mentions(failure, "unauthorized_client", "invalid_client", "x-identity-header", "invalid client secret",
                "aadsts7000215", "aadsts7000222")) {
            reason = "the identity endpoint refused the secret";
        } else if (mentions(failure, "authentication unavailable", "credentialunavailable", "environment variables are not fully configured")) {
            reason = "no identity is available here (no managed identity endpoint, service principal or Azure CLI login)";
        } else {
            reason = null;
        }
        if (reason == null) {
            return innermost;
        }
        return innermost == null || connection != null ? reason : reason + " (" + innermost + ")";
    }

    private static boolean mentions(Throwable failure, String... words) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            String text = (cause.getClass().getSimpleName() + " " + cause.getMessage()).toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (text.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first line of the deepest message that says something (not a wrapper's "see inner exception"). */
    private static String innermostMessage(Throwable failure) {
        String found = null;
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && !message.toLowerCase(Locale.ROOT).contains("see inner exception")
                    && !message.startsWith("java.")) {
                found = withoutAnswer(firstLine(message));
            }
        }
        return found;
    }

    private static Throwable next(Throwable cause) {
        Throwable next = cause.getCause();
        return next == cause ? null : next;
    }

    /** The first line of a message, trimmed; empty for null. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** MSAL4J appends the whole answer (headers included) to its message; the first sentence is enough. */
    private static String withoutAnswer(String line) {
        int content = line.indexOf("Content:");
        return content > 0 ? line.substring(0, content).trim() : line;
    }
}
