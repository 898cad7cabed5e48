package dev.sluice.jdbc.internal.observe;

import java.util.Objects;

/**
 * What a connection talks to, as spans and the connection's log line show it.
 *
 * @param host workspace host
 * @param port workspace port
 * @param warehouseId the SQL warehouse id from httpPath
 */
public record ServerTarget(String host, int port, String warehouseId) {
    public ServerTarget {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(warehouseId, "warehouseId is null");
    }
}
