package eu.impala.membership.member;

/**
 * Requests and responses of the members API as OpenAPI examples: copied from real calls against the service (fictional
 * data), and checked by {@code OpenApiContractTest} against the schemas.
 */
final class MemberExamples {

    static final String REGISTER = """
            {
              "kind": "COMPANY",
              "legalName": "Lumen Sound Records SARL",
              "displayName": "Lumen Sound",
              "country": "FR",
              "website": "https://lumen-sound.example.org",
              "vatNumber": "FR40123456789",
              "headcount": 14,
              "turnoverEur": 2400000,
              "representedBy": "0a5f0000-0000-4000-8000-000000000001",
              "renewalDueOn": "2027-01-31"
            }""";

    static final String REGISTERED = """
            {
              "id": "a6322e07-406f-44e9-9358-af9b763cb3f8",
              "kind": "COMPANY",
              "legalName": "Lumen Sound Records SARL",
              "displayName": "Lumen Sound",
              "country": "FR",
              "website": "https://lumen-sound.example.org",
              "vatNumber": "FR40123456789",
              "headcount": 14,
              "turnoverEur": 2400000,
              "sizeClass": "SMALL",
              "category": "REPRESENTED",
              "representedBy": "0a5f0000-0000-4000-8000-000000000001",
              "status": "APPLICANT",
              "joinedOn": null,
              "renewalDueOn": "2027-01-31",
              "createdAt": "2026-12-02T16:27:53.651072Z",
              "updatedAt": "2026-12-02T16:27:53.651072Z",
              "version": 1
            }""";

    static final String PAGE = """
            {
              "items": [
                {
                  "id": "9b2d0857-6025-4d04-9c01-bb00bed2e845",
                  "kind": "COMPANY",
                  "legalName": "Lumen Sound Publishing SARL",
                  "displayName": "Lumen Sound Publishing",
                  "country": "FR",
                  "website": null,
                  "vatNumber": null,
                  "headcount": null,
                  "turnoverEur": null,
                  "sizeClass": null,
                  "category": "REPRESENTED",
                  "representedBy": "0a5f0000-0000-4000-8000-000000000001",
                  "status": "APPLICANT",
                  "joinedOn": null,
                  "renewalDueOn": null,
                  "createdAt": "2026-12-02T16:27:57.133275Z",
                  "updatedAt": "2026-12-02T16:27:57.133275Z",
                  "version": 1
                }
              ],
              "next": "djE6OWIyZDA4NTctNjAyNS00ZDA0LTljMDEtYmIwMGJlZDJlODQ1"
            }""";

    static final String MEMBER = """
            {
              "id": "a6322e07-406f-44e9-9358-af9b763cb3f8",
              "kind": "COMPANY",
              "legalName": "Lumen Sound Records SARL",
              "displayName": "Lumen Sound",
              "country": "FR",
              "website": "https://lumen-sound.example.org",
              "vatNumber": "FR40123456789",
              "headcount": 14,
              "turnoverEur": 2400000.0,
              "sizeClass": "SMALL",
              "category": "REPRESENTED",
              "representedBy": "0a5f0000-0000-4000-8000-000000000001",
              "status": "APPLICANT",
              "joinedOn": null,
              "renewalDueOn": "2027-01-31",
              "createdAt": "2026-12-02T16:27:53.651072Z",
              "updatedAt": "2026-12-02T16:27:53.651072Z",
              "version": 1
            }""";

    static final String REPLACE = """
            {
              "kind": "COMPANY",
              "legalName": "Lumen Sound Records SAS",
              "displayName": "Lumen Sound",
              "country": "FR",
              "website": "https://lumen-sound.example.org",
              "vatNumber": "FR40123456789",
              "headcount": 16,
              "turnoverEur": 2400000,
              "representedBy": "0a5f0000-0000-4000-8000-000000000001",
              "renewalDueOn": "2027-01-31"
            }""";

    static final String REPLACED = """
            {
              "id": "a6322e07-406f-44e9-9358-af9b763cb3f8",
              "kind": "COMPANY",
              "legalName": "Lumen Sound Records SAS",
              "displayName": "Lumen Sound",
              "country": "FR",
              "website": "https://lumen-sound.example.org",
              "vatNumber": "FR40123456789",
              "headcount": 16,
              "turnoverEur": 2400000,
              "sizeClass": "SMALL",
              "category": "REPRESENTED",
              "representedBy": "0a5f0000-0000-4000-8000-000000000001",
              "status": "APPLICANT",
              "joinedOn": null,
              "renewalDueOn": "2027-01-31",
              "createdAt": "2026-12-02T16:27:53.651072Z",
              "updatedAt": "2026-12-02T16:27:56.182276Z",
              "version": 2
            }""";

    static final String STATUS_CHANGE = """
            {"status": "ACTIVE", "reason": "Admitted by the board"}""";

    static final String STATUS_CHANGED = """
            {
              "id": "a6322e07-406f-44e9-9358-af9b763cb3f8",
              "kind": "COMPANY",
              "legalName": "Lumen Sound Records SAS",
              "displayName": "Lumen Sound",
              "country": "FR",
              "website": "https://lumen-sound.example.org",
              "vatNumber": "FR40123456789",
              "headcount": 16,
              "turnoverEur": 2400000.0,
              "sizeClass": "SMALL",
              "category": "REPRESENTED",
              "representedBy": "0a5f0000-0000-4000-8000-000000000001",
              "status": "ACTIVE",
              "joinedOn": "2026-12-02",
              "renewalDueOn": "2027-01-31",
              "createdAt": "2026-12-02T16:27:53.651072Z",
              "updatedAt": "2026-12-02T16:27:56.301791Z",
              "version": 3
            }""";

    static final String HISTORY = """
            {
              "items": [
                {
                  "id": 1,
                  "at": "2026-12-02T16:27:53.703256Z",
                  "actor": "secretariat",
                  "subject": "MEMBER",
                  "subjectId": "a6322e07-406f-44e9-9358-af9b763cb3f8",
                  "action": "created",
                  "reason": null,
                  "changes": {
                    "kind": {"before": null, "after": "COMPANY"},
                    "legalName": {"before": null, "after": "Lumen Sound Records SARL"},
                    "displayName": {"before": null, "after": "Lumen Sound"},
                    "country": {"before": null, "after": "FR"},
                    "website": {"before": null, "after": "https://lumen-sound.example.org"},
                    "vatNumber": {"before": null, "after": "FR40123456789"},
                    "headcount": {"before": null, "after": 14},
                    "turnoverEur": {"before": null, "after": 2400000},
                    "sizeClass": {"before": null, "after": "SMALL"},
                    "category": {"before": null, "after": "REPRESENTED"},
                    "representedBy": {"before": null, "after": "0a5f0000-0000-4000-8000-000000000001"},
                    "status": {"before": null, "after": "APPLICANT"},
                    "renewalDueOn": {"before": null, "after": "2027-01-31"}
                  }
                },
                {
                  "id": 2,
                  "at": "2026-12-02T16:27:56.198939Z",
                  "actor": "secretariat",
                  "subject": "MEMBER",
                  "subjectId": "a6322e07-406f-44e9-9358-af9b763cb3f8",
                  "action": "updated",
                  "reason": null,
                  "changes": {
                    "legalName": {"before": "Lumen Sound Records SARL", "after": "Lumen Sound Records SAS"},
                    "headcount": {"before": 14, "after": 16}
                  }
                },
                {
                  "id": 3,
                  "at": "2026-12-02T16:27:56.309887Z",
                  "actor": "secretariat",
                  "subject": "MEMBER",
                  "subjectId": "a6322e07-406f-44e9-9358-af9b763cb3f8",
                  "action": "status-changed",
                  "reason": "Admitted by the board",
                  "changes": {"status": {"before": "APPLICANT", "after": "ACTIVE"}}
                }
              ],
              "next": "djE6Mw"
            }""";

    private MemberExamples() {
    }
}
