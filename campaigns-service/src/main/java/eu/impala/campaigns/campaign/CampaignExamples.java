package eu.impala.campaigns.campaign;

/**
 * Bodies of real calls of the campaign API (a campaign drafted, corrected, published and signed by the demo members),
 * the examples of its OpenAPI document.
 */
final class CampaignExamples {

    /** A declaration drafted with a French title and summary, open to companies and artists. */
    static final String REQUEST = """
            {
              "slug": "fair-streaming-terms",
              "title": "Fair streaming terms for independents",
              "summary": "Independent labels and artists ask platforms for transparent, fair streaming terms.",
              "body": "# Declaration\\nWe, independent music companies, ask every streaming platform to publish the key terms of its licences.",
              "language": "en",
              "translations": {
                "fr": {
                  "title": "Des conditions de streaming équitables pour les indépendants",
                  "summary": "Labels et artistes indépendants demandent des conditions de streaming transparentes et équitables."
                }
              },
              "topic": "DIGITAL_MARKETS",
              "kind": "DECLARATION",
              "goal": 500,
              "eligibility": {"memberKinds": ["COMPANY", "ARTIST"], "countries": []},
              "closesAt": "2027-06-30T22:00:00Z"
            }
            """;

    /** The same campaign with a higher goal. */
    static final String CORRECTION = """
            {
              "slug": "fair-streaming-terms",
              "title": "Fair streaming terms for independents",
              "summary": "Independent labels and artists ask platforms for transparent, fair streaming terms.",
              "body": "# Declaration\\nWe, independent music companies, ask every streaming platform to publish the key terms of its licences.",
              "language": "en",
              "translations": {
                "fr": {
                  "title": "Des conditions de streaming équitables pour les indépendants",
                  "summary": "Labels et artistes indépendants demandent des conditions de streaming transparentes et équitables."
                }
              },
              "topic": "DIGITAL_MARKETS",
              "kind": "DECLARATION",
              "goal": 1000,
              "eligibility": {"memberKinds": ["COMPANY", "ARTIST"], "countries": []},
              "closesAt": "2027-06-30T22:00:00Z"
            }
            """;

    static final String DRAFT = """
            {
              "id": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
              "slug": "fair-streaming-terms",
              "title": "Fair streaming terms for independents",
              "summary": "Independent labels and artists ask platforms for transparent, fair streaming terms.",
              "body": "# Declaration\\nWe, independent music companies, ask every streaming platform to publish the key terms of its licences.",
              "language": "en",
              "translations": {
                "fr": {
                  "title": "Des conditions de streaming équitables pour les indépendants",
                  "summary": "Labels et artistes indépendants demandent des conditions de streaming transparentes et équitables."
                }
              },
              "topic": "DIGITAL_MARKETS",
              "kind": "DECLARATION",
              "status": "DRAFT",
              "goal": 500,
              "eligibility": {"kinds": ["COMPANY", "ARTIST"], "categories": [], "countries": []},
              "opensAt": null,
              "closesAt": "2027-06-30T22:00:00Z",
              "publishedAt": null,
              "closedAt": null,
              "archivedAt": null,
              "goalReachedAt": null,
              "signatureCount": 0,
              "version": 1,
              "createdAt": "2026-12-02T16:21:24.744219Z",
              "createdBy": "secretariat",
              "updatedAt": "2026-12-02T16:21:24.744219Z"
            }
            """;

    static final String CORRECTED = """
            {
              "id": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
              "slug": "fair-streaming-terms",
              "title": "Fair streaming terms for independents",
              "summary": "Independent labels and artists ask platforms for transparent, fair streaming terms.",
              "body": "# Declaration\\nWe, independent music companies, ask every streaming platform to publish the key terms of its licences.",
              "language": "en",
              "translations": {
                "fr": {
                  "title": "Des conditions de streaming équitables pour les indépendants",
                  "summary": "Labels et artistes indépendants demandent des conditions de streaming transparentes et équitables."
                }
              },
              "topic": "DIGITAL_MARKETS",
              "kind": "DECLARATION",
              "status": "DRAFT",
              "goal": 1000,
              "eligibility": {"kinds": ["COMPANY", "ARTIST"], "categories": [], "countries": []},
              "opensAt": null,
              "closesAt": "2027-06-30T22:00:00Z",
              "publishedAt": null,
              "closedAt": null,
              "archivedAt": null,
              "goalReachedAt": null,
              "signatureCount": 0,
              "version": 2,
              "createdAt": "2026-12-02T16:21:24.744219Z",
              "createdBy": "secretariat",
              "updatedAt": "2026-12-02T16:21:25.622163Z"
            }
            """;

    static final String PUBLISHED = """
            {
              "id": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
              "slug": "fair-streaming-terms",
              "title": "Fair streaming terms for independents",
              "summary": "Independent labels and artists ask platforms for transparent, fair streaming terms.",
              "body": "# Declaration\\nWe, independent music companies, ask every streaming platform to publish the key terms of its licences.",
              "language": "en",
              "translations": {
                "fr": {
                  "title": "Des conditions de streaming équitables pour les indépendants",
                  "summary": "Labels et artistes indépendants demandent des conditions de streaming transparentes et équitables."
                }
              },
              "topic": "DIGITAL_MARKETS",
              "kind": "DECLARATION",
              "status": "PUBLISHED",
              "goal": 1000,
              "eligibility": {"kinds": ["COMPANY", "ARTIST"], "categories": [], "countries": []},
              "opensAt": null,
              "closesAt": "2027-06-30T22:00:00Z",
              "publishedAt": "2026-12-02T16:21:25.692976Z",
              "closedAt": null,
              "archivedAt": null,
              "goalReachedAt": null,
              "signatureCount": 0,
              "version": 3,
              "createdAt": "2026-12-02T16:21:24.744219Z",
              "createdBy": "secretariat",
              "updatedAt": "2026-12-02T16:21:25.692976Z"
            }
            """;

    static final String PAGE = "{\"items\": [" + PUBLISHED + "]}";

    /** Read with Accept-Language: fr. */
    static final String PUBLIC_PAGE = """
            {
              "items": [
                {
                  "id": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
                  "slug": "fair-streaming-terms",
                  "language": "fr",
                  "title": "Des conditions de streaming équitables pour les indépendants",
                  "summary": "Labels et artistes indépendants demandent des conditions de streaming transparentes et équitables.",
                  "topic": "DIGITAL_MARKETS",
                  "kind": "DECLARATION",
                  "status": "PUBLISHED",
                  "goal": 1000,
                  "signatureCount": 3,
                  "goalReached": false,
                  "publishedAt": "2026-12-02T16:21:25.692976Z",
                  "closesAt": "2027-06-30T22:00:00Z",
                  "eligibility": {"kinds": ["COMPANY", "ARTIST"], "categories": [], "countries": []}
                }
              ]
            }
            """;

    /** Read with Accept-Language: fr: title and summary in French, the body in English. */
    static final String PUBLIC = """
            {
              "id": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
              "slug": "fair-streaming-terms",
              "language": "fr",
              "title": "Des conditions de streaming équitables pour les indépendants",
              "summary": "Labels et artistes indépendants demandent des conditions de streaming transparentes et équitables.",
              "body": "# Declaration\\nWe, independent music companies, ask every streaming platform to publish the key terms of its licences.",
              "bodyLanguage": "en",
              "topic": "DIGITAL_MARKETS",
              "kind": "DECLARATION",
              "status": "PUBLISHED",
              "goal": 1000,
              "signatureCount": 3,
              "goalReached": false,
              "publishedAt": "2026-12-02T16:21:25.692976Z",
              "closesAt": "2027-06-30T22:00:00Z",
              "eligibility": {"kinds": ["COMPANY", "ARTIST"], "categories": [], "countries": []}
            }
            """;

    static final String COUNTERS = """
            {
              "slug": "fair-streaming-terms",
              "total": 3,
              "goal": 1000,
              "goalReached": false,
              "byCountry": {"DE": 1, "FR": 2},
              "byMemberKind": {"ARTIST": 1, "COMPANY": 2},
              "bySizeClass": {"MICRO": 2, "UNKNOWN": 1}
            }
            """;

    static final String SIGNATORIES = """
            {
              "items": [
                {
                  "displayName": "Label Demo Records",
                  "country": "FR",
                  "memberKind": "COMPANY",
                  "signedAt": "2026-12-02T16:21:26.154209Z"
                },
                {
                  "displayName": "Ari Demo",
                  "country": "DE",
                  "memberKind": "ARTIST",
                  "signedAt": "2026-12-02T16:21:26.756698Z"
                }
              ]
            }
            """;

    private CampaignExamples() {
    }
}
