package io.tocsin.contracts;

/** Alert severity, as in the PagerDuty Events API. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO
}
