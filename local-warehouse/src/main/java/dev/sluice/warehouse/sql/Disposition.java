package dev.sluice.warehouse.sql;

/** Where result chunks travel: in the response, behind links, or inline when small (connector extension). */
public enum Disposition { INLINE, EXTERNAL_LINKS, INLINE_OR_EXTERNAL_LINKS }
