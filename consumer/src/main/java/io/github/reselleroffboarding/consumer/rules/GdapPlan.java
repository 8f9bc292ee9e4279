package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.partnercenter.model.GdapRelationship;
import java.util.List;

/**
 * What ending the partner's GDAP access to a customer takes: the active relationships to terminate, and what is
 * already known (terminations an earlier try of this request asked for, relationships that cannot be
 * terminated).
 */
public record GdapPlan(List<GdapRelationship> toTerminate, CleanupReport known) {

    public GdapPlan {
        toTerminate = List.copyOf(toTerminate);
    }
}
