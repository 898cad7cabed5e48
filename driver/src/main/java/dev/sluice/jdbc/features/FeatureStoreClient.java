package dev.sluice.jdbc.features;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Feature engineering REST calls of a workspace: feature tables ({@code /api/2.0/feature-store/feature-tables}),
 * online stores, publishing a feature table to an online table, feature serving endpoints and their invocations
 * ({@code POST /serving-endpoints/{name}/invocations} with {@code dataframe_records}). Reached through
 * {@code connection.unwrap(SluiceWorkspace.class).features()}. Errors are
 * {@link dev.sluice.jdbc.WorkspaceException}s keeping the server's status and {@code error_code}
 * ({@code RESOURCE_DOES_NOT_EXIST}, {@code RESOURCE_ALREADY_EXISTS}, {@code INVALID_PARAMETER_VALUE}, ...).
 */
public interface FeatureStoreClient {

    /** Creates a feature table (a Delta table with this primary key); fails with 409 when the table exists. */
    FeatureTableInfo createFeatureTable(FeatureTableInfo table) throws IOException;

    /** The feature table; 404 {@code RESOURCE_DOES_NOT_EXIST} when it is missing or has no primary key. */
    FeatureTableInfo getFeatureTable(String fullName) throws IOException;

    /** Feature tables whose full name contains {@code text} (all with an empty text), fetched page by page. */
    Stream<FeatureTableInfo> searchFeatureTables(String text);

    void deleteFeatureTable(String fullName) throws IOException;

    /** Creates an online store of this capacity ({@code CU_1}, {@code CU_2}, {@code CU_4}, {@code CU_8}). */
    OnlineStoreInfo createOnlineStore(String name, String capacity) throws IOException;

    OnlineStoreInfo getOnlineStore(String name) throws IOException;

    List<OnlineStoreInfo> listOnlineStores() throws IOException;

    void deleteOnlineStore(String name) throws IOException;

    /**
     * Publishes the latest row per key of a feature table to an online table ({@code SNAPSHOT}: everything now;
     * a later publish replaces it, so keys deleted from the table leave the online table too).
     */
    OnlineTableInfo publish(String sourceTable, String onlineStore, String onlineTable, String publishMode)
            throws IOException;

    OnlineTableInfo getOnlineTable(String name) throws IOException;

    void deleteOnlineTable(String name) throws IOException;

    /** Creates a feature serving endpoint that looks features up in these online tables. */
    void createFeatureEndpoint(String name, List<String> onlineTables) throws IOException;

    void deleteServingEndpoint(String name) throws IOException;

    /**
     * Looks features up: one record per entity, naming its lookup keys; one answer row per record, in order.
     * Sends {@code {"dataframe_records": records}}.
     */
    List<LookupRow> invoke(String endpoint, List<Map<String, Object>> records) throws IOException;
}
