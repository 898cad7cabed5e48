package dev.sluice.jdbc.procedure;

/** Direction of a procedure parameter. */
public enum ParameterMode { IN, OUT, INOUT }
