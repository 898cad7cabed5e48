package dev.sluice.jdbc.internal.result;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings that change how result values are presented, fixed per connection.
 *
 * @param sessionZone the zone TIMESTAMP (instant) values are shown in when the wire value carries none
 * @param complexTypesAsObjects true: ARRAY/MAP/STRUCT come back as java.sql.Array, java.util.Map and
 *     java.sql.Struct from {@code getObject}; false: as their JSON text (the official driver's default)
 */
public record ResultOptions(ZoneId sessionZone, boolean complexTypesAsObjects) {
    public ResultOptions {
        Objects.requireNonNull(sessionZone, "sessionZone is null");
    }

    public static ResultOptions defaults() {
        return new ResultOptions(ZoneId.systemDefault(), true);
    }
}
