package dev.cvkit.sandbox.chaos;

/** The requests the emulator serves, for {@link FaultKnobs} and the {@link RequestJournal}. */
public enum ArmOperation {
    /** {@code GET .../experiments/{name}} */
    GET_EXPERIMENT,
    /** {@code PUT .../experiments/{name}} */
    PUT_EXPERIMENT,
    /** {@code POST .../experiments/{name}/start} */
    START,
    /** {@code POST .../experiments/{name}/cancel} */
    CANCEL,
    /** {@code GET .../experiments/{name}/executions} (every page) */
    LIST_EXECUTIONS,
    /** {@code GET .../experiments/{name}/executions/{id}} */
    GET_EXECUTION,
    /** {@code POST .../experiments/{name}/executions/{id}/getExecutionDetails} */
    GET_EXECUTION_DETAILS,
    /** {@code GET .../locations/{location}/operationStatuses/{id}} (the {@code Azure-AsyncOperation} URL) */
    GET_OPERATION_STATUS,
    /** {@code GET .../locations/{location}/operationResults/{id}} (the {@code Location} URL) */
    GET_OPERATION_RESULT,
    /** {@code GET} on the managed-identity token endpoint */
    GET_TOKEN,
    /** Any request that matched no route (404/405) */
    UNKNOWN
}
