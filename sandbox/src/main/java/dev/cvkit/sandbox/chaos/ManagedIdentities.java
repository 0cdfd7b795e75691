package dev.cvkit.sandbox.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The managed identities attached to the emulated host (what IMDS hands tokens for): the system-assigned one,
 * unless it is turned off, and any user-assigned ones, as an Azure Load Testing resource may have.
 */
final class ManagedIdentities {

    /** One attached identity. {@code resourceId} is null for the system-assigned one. */
    record Identity(String clientId, String objectId, String resourceId) {
    }

    private final Identity systemAssigned;
    private final List<Identity> userAssigned;

    /**
     * @param systemAssignedClientId client id of the system-assigned identity, or null for none
     * @param userAssignedClientIds  client ids of the user-assigned identities
     */
    ManagedIdentities(String systemAssignedClientId, List<String> userAssignedClientIds, String subscriptionId, String resourceGroup) {
        systemAssigned = systemAssignedClientId == null ? null : new Identity(systemAssignedClientId, objectIdOf(systemAssignedClientId), null);
        List<Identity> users = new ArrayList<>();
        for (String clientId : userAssignedClientIds) {
            users.add(new Identity(clientId, objectIdOf(clientId), "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                    + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-" + clientId.substring(0, Math.min(8, clientId.length()))));
        }
        userAssigned = List.copyOf(users);
    }

    /** A stable principal id per client id, so that tests and logs can name it. */
    private static String objectIdOf(String clientId) {
        return UUID.nameUUIDFromBytes(("cvkit-object-" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    List<Identity> userAssigned() {
        return userAssigned;
    }

    Optional<Identity> systemAssigned() {
        return Optional.ofNullable(systemAssigned);
    }

    /**
     * The identity a token request means: by {@code client_id}, {@code object_id} or {@code msi_res_id} (any case),
     * or with no selector the system-assigned identity, else the only user-assigned one. Empty when no attached
     * identity matches (IMDS: "Identity not found").
     */
    Optional<Identity> find(String selector, String value) {
        List<Identity> all = new ArrayList<>(userAssigned);
        if (systemAssigned != null) {
            all.add(0, systemAssigned);
        }
        if (selector == null) {
            if (systemAssigned != null) {
                return Optional.of(systemAssigned);
            }
            return userAssigned.size() == 1 ? Optional.of(userAssigned.get(0)) : Optional.empty();
        }
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Identity identity : all) {
            String candidate = switch (selector) {
                case "client_id" -> identity.clientId();
                case "object_id" -> identity.objectId();
                default -> identity.resourceId();
            };
            if (candidate != null && candidate.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(identity);
            }
        }
        return Optional.empty();
    }
}
