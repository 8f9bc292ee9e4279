package io.github.reselleroffboarding.partnercenter;

/** The Partner Center calls this client makes, named as they appear in errors, logs and request ids. */
public enum Operation {
    GET_CUSTOMER("get-customer", true),
    LIST_ENTITLEMENTS("list-entitlements", true),
    LIST_SUBSCRIPTIONS("list-subscriptions", true),
    LIST_AZURE_ENTITLEMENTS("list-azure-entitlements", true),
    LIST_AUDIT_RECORDS("list-audit-records", true),
    GET_SUBSCRIPTION("get-subscription", true),
    /**
     * Suspends, cancels or turns off auto-renew: sent with {@code If-Match}, so a second copy of a write that went
     * through finds a new ETag and is refused (412) instead of applied twice.
     */
    UPDATE_SUBSCRIPTION("update-subscription", true),
    /**
     * Cancels an Azure subscription under an Azure plan: Partner Center takes {@code MS-RequestId} for idempotency
     * (a copy with the same id changes nothing), and refuses a second cancellation while one is under way (409).
     */
    CANCEL_AZURE_SUBSCRIPTION("cancel-azure-subscription", true),
    /** Sets the relationship to none: a second one finds it none, which the caller confirms by a read. */
    REMOVE_RELATIONSHIP("remove-relationship", true),
    /** Microsoft Graph: the partner's GDAP relationships with one customer. */
    LIST_GDAP_RELATIONSHIPS("list-gdap-relationships", true),
    GET_GDAP_RELATIONSHIP("get-gdap-relationship", true),
    /** A second terminate request for a relationship already terminating is refused (409), not applied twice. */
    TERMINATE_GDAP_RELATIONSHIP("terminate-gdap-relationship", true),
    /** Client credentials: nothing is spent by asking twice. */
    GRAPH_TOKEN("graph-token", true),
    /** Not repeatable: Azure AD may rotate the refresh token on the first exchange, spending the one sent. */
    TOKEN_REFRESH("token-refresh", false);

    private final String id;
    private final boolean repeatable;

    Operation(String id, boolean repeatable) {
        this.id = id;
        this.repeatable = repeatable;
    }

    public String id() {
        return id;
    }

    /** Whether sending the call twice leaves Partner Center as sending it once does. */
    boolean repeatable() {
        return repeatable;
    }
}
