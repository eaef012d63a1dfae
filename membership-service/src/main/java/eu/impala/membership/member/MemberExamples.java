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

    static final String REGISTERED_DUPLICATE = """
            {
              "id": "5d0c6a51-1f3e-4a43-9a4e-6d2f3b8e1c07",
              "kind": "COMPANY",
              "legalName": "BECAUSE MUSIC",
              "displayName": "Because Music",
              "country": "FR",
              "website": "because.fr/label",
              "vatNumber": null,
              "headcount": null,
              "turnoverEur": null,
              "sizeClass": null,
              "category": "REPRESENTED",
              "representedBy": "0a5f0000-0000-4000-8000-000000000001",
              "status": "APPLICANT",
              "joinedOn": null,
              "renewalDueOn": null,
              "createdAt": "2026-12-03T11:52:10.204118Z",
              "updatedAt": "2026-12-03T11:52:10.204118Z",
              "version": 1,
              "warnings": [{"code": "possible-duplicate", "reasons": ["NAME_AND_COUNTRY", "WEBSITE_DOMAIN"]}]
            }""";

    static final String DUPLICATES = """
            {
              "items": [
                {
                  "score": 85,
                  "reasons": ["VAT_NUMBER", "NAME_AND_COUNTRY"],
                  "first": {"id": "1c7e2f64-0b7d-4e8a-a1d2-5f0e6c3b9a11", "displayName": "Because Music",
                            "legalName": "Because Music SAS", "country": "FR", "representedBy": null,
                            "status": "ACTIVE"},
                  "second": {"id": "8f4b1a20-6c5d-4f3e-9b7a-2e1d0c9f8a22", "displayName": "Because",
                             "legalName": "BECAUSE MUSIC", "country": "FR",
                             "representedBy": "0a5f0000-0000-4000-8000-000000000001", "status": "ACTIVE"}
                },
                {
                  "score": 15,
                  "reasons": ["WEBSITE_DOMAIN"],
                  "first": {"id": "2a9d4c13-7e6f-4b21-8c3d-1f0a9e8b7c33", "displayName": "Lumen Sound",
                            "legalName": "Lumen Sound Records SARL", "country": "FR",
                            "representedBy": "0a5f0000-0000-4000-8000-000000000001", "status": "ACTIVE"},
                  "second": {"id": "b3e5f7a9-1c2d-4e6f-8a0b-9c8d7e6f5a44", "displayName": "Lumen Publishing",
                             "legalName": "Lumen Sound Publishing SARL", "country": "FR",
                             "representedBy": "0a5f0000-0000-4000-8000-000000000001", "status": "APPLICANT"}
                }
              ],
              "next": "djE6MTV8MmE5ZDRjMTMtN2U2Zi00YjIxLThjM2QtMWYwYTllOGI3YzMzfGIzZTVmN2E5LTFjMmQtNGU2Zi04YTBiLTljOGQ3ZTZmNWE0NA"
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

    static final String MERGE = """
            {
              "duplicateId": "5d0c2a8e-7f3b-4c61-9a0e-2b8f6d4e1c37",
              "duplicateVersion": 3,
              "reason": "registered directly and through FR"
            }""";

    static final String MERGED = """
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
              "status": "ACTIVE",
              "joinedOn": "2026-12-02",
              "renewalDueOn": "2027-01-31",
              "createdAt": "2026-12-02T16:27:53.651072Z",
              "updatedAt": "2026-12-03T15:02:11.208391Z",
              "version": 4
            }""";

    static final String MERGED_REDIRECT = """
            {
              "type": "https://api.impala.eu/problems/merged",
              "title": "Permanent Redirect",
              "status": 308,
              "detail": "member 5d0c2a8e-7f3b-4c61-9a0e-2b8f6d4e1c37 was merged into member a6322e07-406f-44e9-9358-af9b763cb3f8: read /api/v1/members/a6322e07-406f-44e9-9358-af9b763cb3f8",
              "instance": "/api/v1/members/5d0c2a8e-7f3b-4c61-9a0e-2b8f6d4e1c37"
            }""";

    private MemberExamples() {
    }
}
