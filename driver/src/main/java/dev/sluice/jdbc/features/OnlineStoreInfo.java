package dev.sluice.jdbc.features;

/** An online store: {@code state} is AVAILABLE, STARTING, STOPPED, UPDATING, DELETING or FAILING_OVER. */
public record OnlineStoreInfo(String name, String capacity, String state) {
}
