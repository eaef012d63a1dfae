package eu.impala.local.e2e;

import java.util.List;

/**
 * The tenant-isolation matrix as one table: for every endpoint of the platform, the status each caller gets for
 * its own, a foreign and a nonexistent resource (and, under its own parent, another tenant's child). Columns:
 * <pre>anonymous secretariat fr-admin de-admin label-admin artist-admin sync-fr sync-de</pre>
 * A new endpoint joins by adding a row. Placeholders are filled per cell by {@link AccessFixtures#resolve};
 * {@code {fresh-...}} ones make a new resource for the cell, so that an allowed change or deletion leaves the
 * shared fixtures alone. Rules (docs/architecture.md, "Security"): another association's id in a URL is
 * 403, another association's (or member's) resource is 404, a role an endpoint does not admit is 403.
 */
final class AccessMatrix {

    private static final String MEMBER = "{\"kind\":\"COMPANY\",\"legalName\":\"Matrix {uniq}\",\"displayName\":\"Matrix\","
            + "\"country\":\"FR\",\"representedBy\":\"{assoc}\"}";
    private static final String SAME_MEMBER = "{\"kind\":\"{kind}\",\"legalName\":\"Matrix member\",\"displayName\":"
            + "\"Matrix member\",\"country\":\"{country}\",\"representedBy\":\"{assoc}\"}";
    private static final String REHOMED_MEMBER = "{\"kind\":\"COMPANY\",\"legalName\":\"Matrix member\",\"displayName\":"
            + "\"Matrix member\",\"country\":\"{country}\",\"representedBy\":\"{other-assoc}\"}";
    private static final String NEW_ASSOCIATION = "{\"kind\":\"NATIONAL_ASSOCIATION\",\"legalName\":\"Matrix {uniq}\","
            + "\"displayName\":\"Matrix\",\"country\":\"IT\",\"category\":\"DIRECT\"}";
    /** A second fresh member of the same tenant, at the version a sync creates it with. */
    private static final String MERGE = "{\"duplicateId\":\"{fresh-member}\",\"duplicateVersion\":1}";
    private static final String CONTACT = "{\"name\":\"Matrix Contact\",\"email\":\"m-{uniq}@matrix.example\","
            + "\"role\":\"PRESS\",\"language\":\"en\"}";
    private static final String SYNC = "{\"records\":[{\"externalId\":\"MATRIX-SYNC\",\"kind\":\"COMPANY\","
            + "\"legalName\":\"Matrix sync\",\"displayName\":\"Matrix sync\",\"country\":\"FR\"}]}";
    private static final String SYNC_CSV = "externalId,kind,legalName,displayName,country,website,vatNumber,headcount,"
            + "turnoverEur,sizeClass,category,joinedOn,renewalDueOn,contactName,contactEmail,contactPhone,contactRole,"
            + "contactLanguage,contactConsents\r\nMATRIX-CSV,COMPANY,Matrix csv,Matrix csv,FR,,,,,,,,,,,,,,\r\n";
    private static final String CAMPAIGN = "{\"slug\":\"matrix-{uniq}\",\"title\":\"T\",\"summary\":\"S\",\"body\":\"B\","
            + "\"topic\":\"OTHER\",\"kind\":\"DECLARATION\"}";
    private static final String PREFERENCES = "{\"channels\":{\"CAMPAIGNS\":[\"IN_APP\"]},\"digest\":\"IMMEDIATE\"}";
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";
    private static final String WEBHOOK = "{\"url\":\"http://127.0.0.1:9/hooks/{uniq}\",\"eventTypes\":[\"member.erased\"]}";
    // a segment nobody is in (no member of the platform is in Iceland): a matrix announcement never reaches anyone
    private static final String ANNOUNCEMENT = "{\"topic\":\"NEWSLETTERS\",\"translations\":{\"en\":{\"title\":"
            + "\"Matrix {uniq}\",\"body\":\"Matrix *body*\"}},\"segment\":{\"countries\":[\"IS\"],\"contactRoles\":[\"PRIMARY\"]}}";
    private static final String TEST_SEND = "{\"addresses\":[\"matrix-{uniq}@matrix.example\"]}";

    static final List<AccessRow> ENDPOINTS = List.of(
            // membership-service                          anon sec fr  de  lbl art sfr sde
            at("POST", "/api/v1/members", MEMBER)
                    .own(                                  "401 201 201 201 403 403 403 403")
                    .foreign(                              "401 201 403 403 403 403 403 403"),
            at("GET", "/api/v1/members").noLeak()
                    .any(                                  "401 200 200 200 200 200 200 200"),
            // a member-admin's list is its own member whatever the filter says
            at("GET", "/api/v1/members?association={assoc}").noLeak()
                    .own(                                  "401 200 200 200 200 200 200 200")
                    .foreign(                              "401 200 403 403 200 200 403 403")
                    .none(                                 "401 200 403 403 200 200 403 403"),
            // the secretariat's review of possible duplicates, across every association: a literal path beside {member}
            at("GET", "/api/v1/members/duplicates")
                    .any(                                  "401 200 403 403 403 403 403 403"),
            at("GET", "/api/v1/members/duplicates?limit=1")
                    .any(                                  "401 200 403 403 403 403 403 403"),
            at("GET", "/api/v1/members/{member}")
                    .own(                                  "401 200 200 200 200 200 200 200")
                    .foreign(                              "401 200 404 404 404 404 404 404")
                    .none(                                 "401 404 404 404 404 404 404 404"),
            at("PUT", "/api/v1/members/{member}", SAME_MEMBER).ifMatch(AccessRow.CURRENT)
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            // registering a member under an id of one's choosing (a national association under its tokens' id)
            at("PUT", "/api/v1/members/{fresh-id}", NEW_ASSOCIATION).ifNoneMatch("*")
                    .any(                                  "401 201 403 403 403 403 403 403"),
            // moving a member to another association in the body: only the secretariat may
            at("PUT", "/api/v1/members/{fresh-member}", REHOMED_MEMBER).ifMatch(AccessRow.CURRENT)
                    .own(                                  "401 200 403 403 403 403 403 403"),
            at("POST", "/api/v1/members/{fresh-member}/status", "{\"status\":\"SUSPENDED\",\"reason\":\"matrix\"}")
                    .own(                                  "401 200 403 403 403 403 403 403")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            // merging a duplicate into a member: the secretariat's alone, whoever represents the two
            at("POST", "/api/v1/members/{fresh-member}/merge", MERGE).ifMatch("\"1\"")
                    .own(                                  "401 200 403 403 403 403 403 403")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            at("GET", "/api/v1/members/{member}/history")
                    .own(                                  "401 200 200 200 200 200 403 403")
                    .foreign(                              "401 200 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403"),
            at("GET", "/api/v1/members/{member}/contacts")
                    .own(                                  "401 200 200 200 200 200 403 403")
                    .foreign(                              "401 200 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403"),
            at("POST", "/api/v1/members/{member}/contacts", CONTACT)
                    .own(                                  "401 201 201 201 201 201 403 403")
                    .foreign(                              "401 201 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403"),
            at("PUT", "/api/v1/members/{member}/contacts/{fresh-contact}", CONTACT).ifMatch("\"1\"")
                    .own(                                  "401 200 200 200 200 200 403 403")
                    .foreign(                              "401 200 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403")
                    .mixed(                                "401 404 404 404 404 404 403 403"),
            at("DELETE", "/api/v1/members/{member}/contacts/{fresh-contact}").ifMatch("\"1\"")
                    .own(                                  "401 204 204 204 204 204 403 403")
                    .foreign(                              "401 204 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403")
                    .mixed(                                "401 404 404 404 404 404 403 403"),
            at("GET", "/api/v1/members/{member}/export")
                    .own(                                  "401 200 200 200 200 200 403 403")
                    .foreign(                              "401 200 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403"),
            at("POST", "/api/v1/members/{member}/contacts/{fresh-contact}/erase")
                    .own(                                  "401 204 403 403 403 403 403 403")
                    .foreign(                              "401 204 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403")
                    .mixed(                                "401 404 403 403 403 403 403 403"),
            at("POST", "/api/v1/members/{fresh-artist}/erase")
                    .own(                                  "401 204 403 403 403 403 403 403")
                    .foreign(                              "401 204 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            // an association's id in the URL: 403 unless it is the token's (the secretariat may sync any)
            at("POST", "/api/v1/associations/{assoc}/sync", SYNC)
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            at("POST", "/api/v1/associations/{assoc}/sync", SYNC_CSV).contentType("text/csv")
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            // the runs of an id nobody synced are an empty list, as for an association that never synced
            at("GET", "/api/v1/associations/{assoc}/sync/runs").noLeak()
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 200 403 403 403 403 403 403"),
            at("GET", "/api/v1/associations/{assoc}/sync/runs/{run}")
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403")
                    .mixed(                                "401 404 404 404 403 403 404 404"),
            // the feed of an association nobody synced is empty, not missing: membership keeps no list of them
            at("GET", "/api/v1/associations/{assoc}/changes").noLeak()
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            // an association's own profile and summary: its staff and systems, and the secretariat
            at("GET", "/api/v1/associations/{assoc}")
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            at("GET", "/api/v1/associations/{assoc}/summary")
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            // its members falling due for renewal: the same callers as its summary
            at("GET", "/api/v1/associations/{assoc}/renewals-due?within=P60D")
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            // statistics: an association counts its own members whatever it asks; another association's id is 403
            at("GET", "/api/v1/statistics/members").noLeak()
                    .any(                                  "401 200 200 200 403 403 200 200"),
            at("GET", "/api/v1/statistics/members?association={assoc}").noLeak()
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 200 403 403 403 403 403 403"),
            at("GET", "/api/v1/statistics/members/monthly?association={assoc}&from=2026-01&to=2026-12").noLeak()
                    .own(                                  "401 200 200 200 403 403 200 200")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 200 403 403 403 403 403 403"),
            // the anonymised counts: anyone, with or without a token
            at("GET", "/api/v1/statistics/members/public").noLeak()
                    .any(                                  "200 200 200 200 200 200 200 200"),

            // campaigns-service: public pages                anon sec fr  de  lbl art sfr sde
            at("GET", "/api/v1/campaigns/public").noLeak()
                    .any(                                  "200 200 200 200 200 200 200 200"),
            at("GET", "/api/v1/campaigns/public/{slug}")
                    .own(                                  "200 200 200 200 200 200 200 200")
                    .foreign(                              "404 404 404 404 404 404 404 404")
                    .none(                                 "404 404 404 404 404 404 404 404"),
            at("GET", "/api/v1/campaigns/public/{slug}/counters")
                    .own(                                  "200 200 200 200 200 200 200 200")
                    .foreign(                              "404 404 404 404 404 404 404 404")
                    .none(                                 "404 404 404 404 404 404 404 404"),
            at("GET", "/api/v1/campaigns/public/{slug}/signatories")
                    .own(                                  "200 200 200 200 200 200 200 200")
                    .foreign(                              "404 404 404 404 404 404 404 404")
                    .none(                                 "404 404 404 404 404 404 404 404"),
            // campaigns-service: the secretariat's side
            at("POST", "/api/v1/campaigns", CAMPAIGN)
                    .any(                                  "401 201 403 403 403 403 403 403"),
            at("GET", "/api/v1/campaigns")
                    .any(                                  "401 200 403 403 403 403 403 403"),
            at("GET", "/api/v1/campaigns/{campaign}")
                    .own(                                  "401 200 403 403 403 403 403 403")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            at("PUT", "/api/v1/campaigns/{fresh-draft}", CAMPAIGN).ifMatch("\"1\"")
                    .own(                                  "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            at("DELETE", "/api/v1/campaigns/{fresh-draft}").ifMatch("\"1\"")
                    .own(                                  "401 204 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            at("POST", "/api/v1/campaigns/{fresh-draft}/status", "{\"status\":\"PUBLISHED\"}")
                    .own(                                  "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            at("GET", "/api/v1/campaigns/{campaign}/signatures/export")
                    .own(                                  "401 200 403 403 403 403 403 403")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            // campaigns-service: signatures (own members signed the published campaign in the fixtures: 200)
            at("POST", "/api/v1/campaigns/{published}/signatures", "{\"memberId\":\"{member}\"}")
                    .own(                                  "401 403 200 200 200 200 403 403")
                    .foreign(                              "401 403 404 404 404 404 403 403")
                    .none(                                 "401 403 404 404 404 404 403 403"),
            at("DELETE", "/api/v1/campaigns/{signed-campaign}/signatures/{member}")
                    .own(                                  "401 403 204 204 204 204 403 403")
                    .foreign(                              "401 403 404 404 404 404 403 403")
                    .none(                                 "401 403 404 404 404 404 403 403"),
            at("GET", "/api/v1/campaigns/signed-by/{member}")
                    .own(                                  "401 200 200 200 200 200 403 403")
                    .foreign(                              "401 200 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403"),
            at("GET", "/api/v1/campaigns/{campaign}/signatures").noLeak()
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("GET", "/api/v1/campaigns/{campaign}/stats").noLeak()
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("GET", "/api/v1/campaigns/{campaign}/participation").noLeak()
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("GET", "/api/v1/campaigns/{published}/associations/{assoc}/members").noLeak()
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),

            // notifications-service                      anon sec fr  de  lbl art sfr sde
            at("GET", "/api/v1/notifications/inbox").noLeak()
                    .any(                                  "401 200 200 200 200 200 403 403"),
            at("GET", "/api/v1/notifications/inbox/unread-count")
                    .any(                                  "401 200 200 200 200 200 403 403"),
            at("POST", "/api/v1/notifications/inbox/{notice}/read")
                    .own(                                  "401 204 204 204 204 204 403 403")
                    .foreign(                              "401 404 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403"),
            at("GET", "/api/v1/notifications/preferences/{contact}")
                    .own(                                  "401 200 200 200 200 200 403 403")
                    .foreign(                              "401 200 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403"),
            at("PUT", "/api/v1/notifications/preferences/{contact}", PREFERENCES).ifMatch(AccessRow.CURRENT)
                    .own(                                  "401 200 200 200 200 200 403 403")
                    .foreign(                              "401 200 404 404 404 404 403 403")
                    .none(                                 "401 404 404 404 404 404 403 403"),
            at("POST", "/api/v1/notifications/webhooks", WEBHOOK)
                    .any(                                  "401 403 201 201 403 403 403 403"),
            at("GET", "/api/v1/notifications/webhooks").noLeak()
                    .any(                                  "401 200 200 200 403 403 403 403"),
            at("DELETE", "/api/v1/notifications/webhooks/{fresh-webhook}")
                    .own(                                  "401 204 204 204 403 403 403 403")
                    .foreign(                              "401 204 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("POST", "/api/v1/notifications/webhooks/{webhook}/secret", "{\"keepPreviousFor\":\"PT1M\"}")
                    .own(                                  "401 403 200 200 403 403 403 403")
                    .foreign(                              "401 403 404 404 403 403 403 403")
                    .none(                                 "401 403 404 404 403 403 403 403"),
            at("GET", "/api/v1/notifications/webhooks/{webhook}/deliveries")
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("GET", "/api/v1/notifications/deliveries")
                    .any(                                  "401 200 403 403 403 403 403 403"),
            at("GET", "/api/v1/notifications/deliveries/{delivery}")
                    .own(                                  "401 200 403 403 403 403 403 403")
                    .foreign(                              "401 200 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),
            // only a DEAD or FAILED email is retried: the fixtures' notifications are not, so the secretariat gets 409
            at("POST", "/api/v1/notifications/deliveries/{delivery}/retry")
                    .own(                                  "401 409 403 403 403 403 403 403")
                    .none(                                 "401 404 403 403 403 403 403 403"),

            // announcements: the secretariat's and an association's own; another association's (or the secretariat's)
            // is 404 to an association, whatever it is; member-admins and systems have none. {announcement} is the
            // target tenant's association's, {secretariat-announcement} the secretariat's; {fresh-...} a new draft
            at("POST", "/api/v1/notifications/announcements", ANNOUNCEMENT)
                    .any(                                  "401 201 201 201 403 403 403 403"),
            at("GET", "/api/v1/notifications/announcements").noLeak()
                    .any(                                  "401 200 200 200 403 403 403 403"),
            at("GET", "/api/v1/notifications/announcements?status=DRAFT&limit=5").noLeak()
                    .any(                                  "401 200 200 200 403 403 403 403"),
            at("GET", "/api/v1/notifications/announcements/{announcement}")
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("GET", "/api/v1/notifications/announcements/{secretariat-announcement}")
                    .any(                                  "401 200 404 404 403 403 403 403"),
            at("PUT", "/api/v1/notifications/announcements/{fresh-announcement}", ANNOUNCEMENT).ifMatch(AccessRow.CURRENT)
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("PUT", "/api/v1/notifications/announcements/{fresh-secretariat-announcement}", ANNOUNCEMENT)
                    .ifMatch(AccessRow.CURRENT)
                    .any(                                  "401 200 404 404 403 403 403 403"),
            at("GET", "/api/v1/notifications/announcements/{announcement}/preview?language=en")
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("GET", "/api/v1/notifications/announcements/{secretariat-announcement}/preview")
                    .any(                                  "401 200 404 404 403 403 403 403"),
            at("POST", "/api/v1/notifications/announcements/{announcement}/test-send", TEST_SEND)
                    .own(                                  "401 202 202 202 403 403 403 403")
                    .foreign(                              "401 202 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("POST", "/api/v1/notifications/announcements/{secretariat-announcement}/test-send", TEST_SEND)
                    .any(                                  "401 202 404 404 403 403 403 403"),
            // sending is scheduling (a month ahead here, so that nothing goes out): the If-Match is the draft's
            at("POST", "/api/v1/notifications/announcements/{fresh-announcement}/send", "{\"at\":\"{future}\"}")
                    .ifMatch(AccessRow.PARENT)
                    .own(                                  "401 202 202 202 403 403 403 403")
                    .foreign(                              "401 202 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("POST", "/api/v1/notifications/announcements/{fresh-secretariat-announcement}/send", "{\"at\":\"{future}\"}")
                    .ifMatch(AccessRow.PARENT)
                    .any(                                  "401 202 404 404 403 403 403 403"),
            at("POST", "/api/v1/notifications/announcements/{fresh-announcement}/cancel")
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("POST", "/api/v1/notifications/announcements/{fresh-secretariat-announcement}/cancel")
                    .any(                                  "401 200 404 404 403 403 403 403"),
            at("GET", "/api/v1/notifications/announcements/{announcement}/statistics")
                    .own(                                  "401 200 200 200 403 403 403 403")
                    .foreign(                              "401 200 404 404 403 403 403 403")
                    .none(                                 "401 404 404 404 403 403 403 403"),
            at("GET", "/api/v1/notifications/announcements/{secretariat-announcement}/statistics")
                    .any(                                  "401 200 404 404 403 403 403 403"),

            // the unsubscribe link of emails: no login, its signed token is the only authority, whoever calls; a
            // contact nobody knows is 410, a payload naming another contact under one's own signature 400
            at("GET", "/api/v1/notifications/unsubscribe?token={unsubscribe}").noLeak()
                    .own(                                  "200 200 200 200 200 200 200 200")
                    .foreign(                              "200 200 200 200 200 200 200 200")
                    .none(                                 "410 410 410 410 410 410 410 410")
                    .mixed(                                "400 400 400 400 400 400 400 400"),
            at("POST", "/api/v1/notifications/unsubscribe?token={unsubscribe}", ONE_CLICK).noLeak()
                    .contentType("application/x-www-form-urlencoded")
                    .own(                                  "200 200 200 200 200 200 200 200")
                    .foreign(                              "200 200 200 200 200 200 200 200")
                    .none(                                 "410 410 410 410 410 410 410 410")
                    .mixed(                                "400 400 400 400 400 400 400 400"),

            // the gateway itself                          anon sec fr  de  lbl art sfr sde
            at("GET", "/api/v1/me")
                    .any(                                  "401 200 200 200 200 200 200 200"),
            at("GET", "/api/v1/nothing-here")
                    .any(                                  "401 404 404 404 404 404 404 404"));

    private AccessMatrix() {
    }

    private static AccessRow at(String method, String path) {
        return new AccessRow(method, path, null);
    }

    private static AccessRow at(String method, String path, String body) {
        return new AccessRow(method, path, body);
    }
}
