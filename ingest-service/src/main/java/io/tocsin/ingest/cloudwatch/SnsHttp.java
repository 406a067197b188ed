package io.tocsin.ingest.cloudwatch;

import java.io.IOException;
import java.net.URI;

/**
 * The HTTP GETs SNS handling makes: fetching a signing certificate and confirming a subscription. It is only ever
 * handed URLs that {@link SnsHosts} has accepted as genuine SNS ones; tests replace it to answer from a local server.
 */
public interface SnsHttp {

    /** The body of a 200 answer to GET {@code url}; throws for any other outcome. */
    byte[] get(URI url) throws IOException;
}
