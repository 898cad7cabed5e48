package dev.sluice.jdbc.procedure;

import java.sql.JDBCType;

/**
 * Result column of a procedure that returns rows from memory.
 *
 * @param name column label
 * @param type JDBC type; values in the rows are Java objects of the matching class
 */
public record ResultColumn(String name, JDBCType type) { }
