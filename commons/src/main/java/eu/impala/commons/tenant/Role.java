package eu.impala.commons.tenant;

/** The realm roles (docs/architecture.md, "Security"), as they appear in {@code realm_access.roles}. */
public final class Role {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String ASSOCIATION_ADMIN = "association-admin";
    public static final String MEMBER_ADMIN = "member-admin";
    public static final String SYNC_CLIENT = "sync-client";

    private Role() {
    }
}
