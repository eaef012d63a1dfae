package eu.impala.local.e2e;

/**
 * What one national association owns in the matrix's fixtures, all made through the gateway: the member whose
 * staff is a demo member-admin, its primary contact, a sync run, a webhook subscription, a notification about
 * the member, the in-app notices its association-admin and member-admin each find in their inbox, and a draft
 * announcement its association-admin wrote.
 */
record Tenant(Side side, String member, String contact, String run, String webhook, String delivery,
              String associationNotice, String memberAdminNotice, String announcement) {

    /** The two associations of the demo realm, with their staff and systems. */
    enum Side {
        FR("0a5f0000-0000-4000-8000-000000000001", "fr-admin", "sync-fr", "label-admin", "COMPANY", "FR"),
        DE("0a5f0000-0000-4000-8000-000000000002", "de-admin", "sync-de", "artist-admin", "ARTIST", "DE");

        final String association;
        final String admin;
        final String syncClient;
        final String memberAdmin;
        final String kind;
        final String country;

        Side(String association, String admin, String syncClient, String memberAdmin, String kind, String country) {
            this.association = association;
            this.admin = admin;
            this.syncClient = syncClient;
            this.memberAdmin = memberAdmin;
            this.kind = kind;
            this.country = country;
        }

        Side other() {
            return this == FR ? DE : FR;
        }
    }

    /** Every id of this tenant: none of them may appear in what a caller bound to the other tenant reads. */
    java.util.List<String> ids() {
        return java.util.List.of(member, contact, run, webhook, delivery, associationNotice, memberAdminNotice, announcement);
    }
}
