package dev.framelift.enhancer.inference;

import dev.framelift.model.Scope;
import dev.framelift.schema.ModelCard;

/**
 * What serves one scope of a {@link ModelRegistry}.
 *
 * @param scope       the scope
 * @param active      the card of the model serving its frames (its own, or the one it falls back to); null if none
 * @param origin      where that model came from, and whether the scope falls back to it
 * @param shadow      the shadow candidate's card, or null
 * @param fraction    the candidate's share of the frames
 * @param shadowStats the candidate's measurements beside the active model, or null
 */
public record ScopeStatus(Scope scope, ModelCard active, String origin, ModelCard shadow, double fraction,
        ShadowStats.Snapshot shadowStats) {
}
