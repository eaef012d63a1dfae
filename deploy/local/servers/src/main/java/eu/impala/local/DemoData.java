package eu.impala.local;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo realm's data, so that every demo user sees something on a first start: the FR and DE national associations
 * its association staff and sync clients act for, and the two members its member-admins work for (a French label, a
 * German artist), each with a primary contact.
 *
 * <p>Made through the gateway with the secretariat's token, as the secretariat would make it, rather than seeded
 * into the database: the data takes the one write path, with its validation, history, feed and events, so campaigns
 * and notifications learn of it as of any other member, and the seed cannot drift from what the API accepts. Each
 * step is made only when missing (a member under its id with If-None-Match: *, admission while APPLICANT, a contact
 * while it has none): a second start creates nothing, and an interrupted one is completed by the next.
 */
public final class DemoData {

    /** The realm's association ids (claim association_id of fr-admin, de-admin, sync-fr, sync-de). */
    public static final String FR = "0a5f0000-0000-4000-8000-000000000001";
    public static final String DE = "0a5f0000-0000-4000-8000-000000000002";
    /** The realm's member ids (claim member_id of label-admin, artist-admin). */
    public static final String LABEL = "0b5f0000-0000-4000-8000-000000000101";
    public static final String ARTIST = "0b5f0000-0000-4000-8000-000000000102";

    private record Member(String id, String profile, String contact) {
    }

    private static final List<Member> MEMBERS = List.of(
            // associations first: the members below are represented by them
            new Member(FR, profile("NATIONAL_ASSOCIATION", "Independent Music Labels France (demo)", "Labels FR", "FR",
                    "https://labels-fr.example.org", "\"category\":\"DIRECT\""), null),
            new Member(DE, profile("NATIONAL_ASSOCIATION", "Independent Music Labels Germany (demo)", "Labels DE", "DE",
                    "https://labels-de.example.org", "\"category\":\"DIRECT\""), null),
            new Member(LABEL, profile("COMPANY", "Lumen Sound Records SARL (demo)", "Lumen Sound", "FR",
                    "https://lumen-sound.example.org", "\"headcount\":14,\"representedBy\":\"" + FR + "\""),
                    contact("Lena Label", "lena@lumen-sound.example.org", "fr")),
            new Member(ARTIST, profile("ARTIST", "Ari Artist (demo)", "Ari Artist", "DE", "https://ari-artist.example.org",
                    "\"representedBy\":\"" + DE + "\""), contact("Ari Artist", "ari@ari-artist.example.org", "de")));

    private DemoData() {
    }

    /**
     * Makes what is missing of the demo data on a running platform.
     *
     * @return what it made, e.g. {@code ["member 0a5f…01", "admission of 0a5f…01"]}; empty when everything was there
     */
    public static List<String> ensure(String gateway, String keycloakUrl) {
        Secretariat secretariat = new Secretariat(gateway, new KeycloakTokens(keycloakUrl).demoUser("secretariat"));
        List<String> made = new ArrayList<>();
        for (Member m : MEMBERS) {
            if (secretariat.register(m.id(), m.profile())) {
                made.add("member " + m.id());
            }
            if (secretariat.admit(m.id())) {
                made.add("admission of " + m.id());
            }
            if (m.contact() != null && secretariat.giveContact(m.id(), m.contact())) {
                made.add("contact of " + m.id());
            }
        }
        return made;
    }

    private static String profile(String kind, String legalName, String displayName, String country, String website,
                                  String more) {
        return "{\"kind\":\"" + kind + "\",\"legalName\":\"" + legalName + "\",\"displayName\":\"" + displayName
                + "\",\"country\":\"" + country + "\",\"website\":\"" + website + "\"," + more + "}";
    }

    private static String contact(String name, String email, String language) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"role\":\"PRIMARY\",\"language\":\"" + language
                + "\",\"consents\":{\"campaigns\":true}}";
    }
}
