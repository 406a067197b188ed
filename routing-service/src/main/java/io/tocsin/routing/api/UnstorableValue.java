package io.tocsin.routing.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A value of the right form that Tocsin cannot store or compute with (see {@link StorableValues}): 400. */
class UnstorableValue extends MismatchedInputException {

    UnstorableValue(JsonParser parser, String refusal, Class<?> type) {
        super(parser, refusal, type);
    }
}
