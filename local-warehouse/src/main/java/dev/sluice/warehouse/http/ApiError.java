package dev.sluice.warehouse.http;

import java.util.Map;

/**
 * A request that cannot be accepted: becomes a non-200 response with the Databricks error body
 * {@code {"error_code": ..., "message": ...}}. SQL failures are not ApiErrors (they are HTTP 200 FAILED).
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final Object errorCode;
    private final Map<String, String> headers;

    public ApiError(int status, Object errorCode, String message) {
        this(status, errorCode, message, Map.of());
    }

    public ApiError(int status, Object errorCode, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.headers = Map.copyOf(headers);
    }

    public static ApiError invalid(String message) {
        return new ApiError(400, "INVALID_PARAMETER_VALUE", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "RESOURCE_DOES_NOT_EXIST", message);
    }

    public int status() { return status; }

    /** A string code, or an integer for the recorded 401/403 bodies. */
    public Object errorCode() { return errorCode; }

    public Map<String, String> headers() { return headers; }
}
