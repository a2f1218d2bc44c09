package dev.framelift.enhancer.gateway;

import dev.framelift.schema.ModelCard;

/**
 * Model administration behind the gateway's admin routes (which check the bearer token before
 * calling it). Called on a worker thread; may block.
 */
public interface ModelAdmin {
    /** Administration this engine does not offer: every action answers 501. */
    ModelAdmin UNSUPPORTED = new ModelAdmin() {
    };

    /**
     * Makes {@code version} the active model of {@code scope}.
     *
     * @return the card now active
     * @throws UnsupportedOperationException when the engine cannot do it (501)
     * @throws IllegalArgumentException when no such scope or version exists (404)
     */
    default ModelCard activate(String scope, String version) {
        throw new UnsupportedOperationException("activating a model version is not supported by this enhancer: "
                + "it serves the models it loaded from models.dir at start");
    }

    /**
     * Goes back to the model that was active before the current one of {@code scope}.
     *
     * @return the card now active
     * @throws UnsupportedOperationException when the engine cannot do it (501)
     * @throws IllegalArgumentException when there is nothing to go back to (404)
     */
    default ModelCard rollback(String scope) {
        throw new UnsupportedOperationException("rolling back a model is not supported by this enhancer: "
                + "it serves the models it loaded from models.dir at start");
    }
}
