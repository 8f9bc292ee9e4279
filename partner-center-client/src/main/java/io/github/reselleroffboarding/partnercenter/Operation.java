package io.github.reselleroffboarding.partnercenter;

/** The Partner Center calls this client makes, named as they appear in errors, logs and request ids. */
public enum Operation {
    GET_CUSTOMER("get-customer"),
    LIST_ENTITLEMENTS("list-entitlements"),
    LIST_SUBSCRIPTIONS("list-subscriptions"),
    LIST_AZURE_ENTITLEMENTS("list-azure-entitlements"),
    LIST_AUDIT_RECORDS("list-audit-records"),
    REMOVE_RELATIONSHIP("remove-relationship"),
    TOKEN_REFRESH("token-refresh");

    private final String id;

    Operation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
