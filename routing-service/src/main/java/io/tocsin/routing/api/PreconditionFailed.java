package io.tocsin.routing.api;

/** A conditional write ({@code If-Match}) whose resource changed since the caller read it: 412. */
public class PreconditionFailed extends RuntimeException {

    private final String currentETag;

    public PreconditionFailed(String message, String currentETag) {
        super(message);
        this.currentETag = currentETag;
    }

    /** The resource's ETag now, sent back in the 412's ETag header so that a client can retry without a GET. */
    public String currentETag() {
        return currentETag;
    }
}
