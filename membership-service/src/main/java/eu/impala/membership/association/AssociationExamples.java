package eu.impala.membership.association;

/**
 * Responses of the national associations API as OpenAPI examples: copied from real calls against the service
 * (fictional data), and checked by {@code OpenApiContractTest} against the schemas.
 */
final class AssociationExamples {

    static final String PROFILE = """
            {
              "id": "0a5f0000-0000-4000-8000-000000000001",
              "kind": "NATIONAL_ASSOCIATION",
              "legalName": "Association des labels independants de France",
              "displayName": "Labels independants FR",
              "country": "FR",
              "website": "https://labels-fr.example.org",
              "vatNumber": null,
              "headcount": null,
              "turnoverEur": null,
              "sizeClass": null,
              "category": "DIRECT",
              "representedBy": null,
              "status": "ACTIVE",
              "joinedOn": "2026-12-03",
              "renewalDueOn": null,
              "createdAt": "2026-12-03T09:12:04.118213Z",
              "updatedAt": "2026-12-03T09:12:04.305877Z",
              "version": 2
            }""";

    static final String RENEWALS_DUE = """
            {
              "items": [
                {
                  "memberId": "6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
                  "displayName": "Disques Lumière",
                  "renewalDueOn": "2026-11-28",
                  "daysLeft": -5,
                  "href": "/api/v1/members/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"
                },
                {
                  "memberId": "a6322e07-406f-44e9-9358-af9b763cb3f8",
                  "displayName": "Label Bleu",
                  "renewalDueOn": "2026-12-10",
                  "daysLeft": 7,
                  "href": "/api/v1/members/a6322e07-406f-44e9-9358-af9b763cb3f8"
                }
              ],
              "next": "djE6MjAyNi0xMi0xMHxhNjMyMmUwNy00MDZmLTQ0ZTktOTM1OC1hZjliNzYzY2IzZjg"
            }""";

    static final String SUMMARY = """
            {
              "associationId": "0a5f0000-0000-4000-8000-000000000001",
              "membersByStatus": {
                "APPLICANT": 0,
                "ACTIVE": 41,
                "SUSPENDED": 0,
                "LAPSED": 2,
                "TERMINATED": 1
              },
              "lastRuns": [
                {
                  "runId": "5b0f6a4e-2d7c-4f3e-9a51-6c0d2e8b7f10",
                  "createdAt": "2026-12-03T09:30:11.402117Z",
                  "mode": "upsert",
                  "forced": false,
                  "summary": {"updated": 3, "unchanged": 38},
                  "href": "/api/v1/associations/0a5f0000-0000-4000-8000-000000000001/sync/runs/5b0f6a4e-2d7c-4f3e-9a51-6c0d2e8b7f10"
                }
              ],
              "feed": {
                "seq": 1208,
                "cursor": "djE6MGE1ZjAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAxOmoxMjA4"
              }
            }""";

    private AssociationExamples() {
    }
}
