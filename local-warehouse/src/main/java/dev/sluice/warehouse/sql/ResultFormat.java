package dev.sluice.warehouse.sql;

/** Result encoding of a statement, as in the request's {@code format}. */
public enum ResultFormat { JSON_ARRAY, ARROW_STREAM, CSV }
