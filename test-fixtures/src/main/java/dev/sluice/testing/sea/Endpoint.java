package dev.sluice.testing.sea;

/** What a request addressed, as classified by method and path. Used to filter recordings and intercepts. */
public enum Endpoint {
    /**
     * {@code POST /api/2.0/sql/sessions[/]}, the legacy {@code /api/2.0/sql/statements/sessions[/]}, and the
     * official driver's {@code POST /api/2.0/sql/warehouses/{id}/sessions}.
     */
    CREATE_SESSION,
    /** {@code DELETE /api/2.0/sql/sessions/{id}} (warehouse id as query parameter or JSON body). */
    DELETE_SESSION,
    /** {@code POST /api/2.0/sql/statements[/]}. */
    EXECUTE_STATEMENT,
    /** {@code GET /api/2.0/sql/statements/{id}}. */
    GET_STATEMENT,
    /** {@code POST /api/2.0/sql/statements/{id}/cancel}. */
    CANCEL_STATEMENT,
    /** {@code DELETE /api/2.0/sql/statements/{id}}. */
    CLOSE_STATEMENT,
    /** {@code GET /api/2.0/sql/statements/{id}/result/chunks/{index}}. */
    GET_CHUNK,
    /** {@code GET} of an external link issued by the server (a pre-signed "cloud storage" URL). */
    DOWNLOAD,
    /** Anything else; answered 404 {@code ENDPOINT_NOT_FOUND}. */
    OTHER
}
