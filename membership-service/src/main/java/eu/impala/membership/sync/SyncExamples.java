package eu.impala.membership.sync;

/**
 * Requests and responses of the sync API and the delta feed as OpenAPI examples: copied from real calls against the
 * service (fictional data), and checked by {@code OpenApiContractTest} against the schemas.
 */
final class SyncExamples {

    static final String CSV_REQUEST = "externalId,kind,legalName,displayName,country,contactName,contactEmail,contactRole,"
            + "contactConsents\r\n"
            + "FR-0045,COMPANY,Ciel Ouvert SARL,Ciel Ouvert,FR,Demo Contact Four,contact.four@example.org,PRIMARY,campaigns\r\n";

    static final String REQUEST = """
            {
              "records": [
                {
                  "externalId": "FR-0042",
                  "kind": "COMPANY",
                  "legalName": "Marée Haute Disques SARL",
                  "displayName": "Marée Haute",
                  "country": "FR",
                  "headcount": 6,
                  "contacts": [
                    {
                      "name": "Demo Contact Two",
                      "email": "contact.two@example.org",
                      "role": "PRIMARY",
                      "language": "fr",
                      "consents": {"campaigns": true}
                    }
                  ]
                },
                {
                  "externalId": "FR-0043",
                  "kind": "ARTIST",
                  "legalName": "Demo Artist Three",
                  "displayName": "Demo Artist Three",
                  "country": "FR",
                  "contacts": []
                },
                {
                  "externalId": "FR-0044",
                  "kind": "COMPANY",
                  "legalName": "Nuit Claire SAS",
                  "displayName": "Nuit Claire",
                  "country": "France"
                }
              ]
            }""";

    static final String RESULT = """
            {
              "runId": "f4fbe6c2-a3c1-425f-92a9-e7c4d768a1ee",
              "associationId": "19f16d65-b792-432b-89d9-7768565735cb",
              "mode": "upsert",
              "dryRun": false,
              "forced": false,
              "thresholdExceeded": false,
              "createdAt": "2026-12-02T16:27:57.455952Z",
              "actor": "secretariat",
              "summary": {
                "created": 2,
                "updated": 0,
                "unchanged": 0,
                "lapsed": 0,
                "rejected": 1,
                "moved": 0,
                "skipped": 0,
                "total": 3
              },
              "results": [
                {
                  "index": 0,
                  "externalId": "FR-0042",
                  "result": "created",
                  "memberId": "7348ca26-fe13-462c-8fcd-38897941e593"
                },
                {
                  "index": 1,
                  "externalId": "FR-0043",
                  "result": "created",
                  "memberId": "c6d00609-9c38-49d5-b1d9-4d98bdc0cb36"
                },
                {
                  "index": 2,
                  "externalId": "FR-0044",
                  "result": "rejected",
                  "errors": [
                    {
                      "field": "records[2].country",
                      "message": "must be an ISO 3166-1 alpha-2 country code, e.g. FR"
                    }
                  ]
                }
              ]
            }""";

    static final String CSV_RESULT = """
            {
              "runId": "87fa3e50-3c56-43b0-a345-e624383c20a9",
              "associationId": "19f16d65-b792-432b-89d9-7768565735cb",
              "mode": "upsert",
              "dryRun": false,
              "forced": false,
              "thresholdExceeded": false,
              "createdAt": "2026-12-02T16:27:57.681317Z",
              "actor": "secretariat",
              "summary": {
                "created": 1,
                "updated": 0,
                "unchanged": 0,
                "lapsed": 0,
                "rejected": 0,
                "moved": 0,
                "skipped": 0,
                "total": 1
              },
              "results": [
                {
                  "index": 0,
                  "row": 2,
                  "externalId": "FR-0045",
                  "result": "created",
                  "memberId": "f6e1551f-12ae-47c3-8a5d-1429faaba47a"
                }
              ]
            }""";

    static final String RUNS = """
            {
              "items": [
                {
                  "runId": "f4fbe6c2-a3c1-425f-92a9-e7c4d768a1ee",
                  "createdAt": "2026-12-02T16:27:57.455952Z",
                  "actor": "secretariat",
                  "mode": "upsert",
                  "forced": false,
                  "summary": {
                    "created": 2,
                    "updated": 0,
                    "unchanged": 0,
                    "lapsed": 0,
                    "rejected": 1,
                    "moved": 0,
                    "skipped": 0,
                    "total": 3
                  }
                }
              ]
            }""";

    static final String RUN = """
            {
              "runId": "f4fbe6c2-a3c1-425f-92a9-e7c4d768a1ee",
              "associationId": "19f16d65-b792-432b-89d9-7768565735cb",
              "mode": "upsert",
              "dryRun": false,
              "forced": false,
              "thresholdExceeded": false,
              "createdAt": "2026-12-02T16:27:57.455952Z",
              "actor": "secretariat",
              "summary": {
                "created": 2,
                "updated": 0,
                "unchanged": 0,
                "lapsed": 0,
                "rejected": 1,
                "moved": 0,
                "skipped": 0,
                "total": 3
              },
              "results": [
                {
                  "index": 0,
                  "externalId": "FR-0042",
                  "result": "created",
                  "memberId": "7348ca26-fe13-462c-8fcd-38897941e593"
                },
                {
                  "index": 1,
                  "externalId": "FR-0043",
                  "result": "created",
                  "memberId": "c6d00609-9c38-49d5-b1d9-4d98bdc0cb36"
                },
                {
                  "index": 2,
                  "externalId": "FR-0044",
                  "result": "rejected",
                  "errors": [
                    {
                      "field": "records[2].country",
                      "message": "must be an ISO 3166-1 alpha-2 country code, e.g. FR"
                    }
                  ]
                }
              ]
            }""";

    static final String CHANGES = """
            {
              "items": [
                {
                  "seq": 7,
                  "memberId": "7348ca26-fe13-462c-8fcd-38897941e593",
                  "change": "created",
                  "at": "2026-12-02T16:27:57.531314Z",
                  "member": {
                    "id": "7348ca26-fe13-462c-8fcd-38897941e593",
                    "kind": "COMPANY",
                    "legalName": "Marée Haute Disques SARL",
                    "displayName": "Marée Haute",
                    "country": "FR",
                    "website": null,
                    "vatNumber": null,
                    "headcount": 6,
                    "turnoverEur": null,
                    "sizeClass": "MICRO",
                    "category": "REPRESENTED",
                    "representedBy": "19f16d65-b792-432b-89d9-7768565735cb",
                    "status": "ACTIVE",
                    "joinedOn": "2026-12-02",
                    "renewalDueOn": null,
                    "createdAt": "2026-12-02T16:27:57.455952Z",
                    "updatedAt": "2026-12-02T16:27:57.455952Z",
                    "version": 1,
                    "contacts": [
                      {
                        "id": "c11710a2-96fc-4230-953d-fe6e26f619a7",
                        "memberId": "7348ca26-fe13-462c-8fcd-38897941e593",
                        "name": "Demo Contact Two",
                        "email": "contact.two@example.org",
                        "phone": null,
                        "role": "PRIMARY",
                        "language": "fr",
                        "consents": {
                          "campaigns": true
                        },
                        "version": 1
                      }
                    ]
                  }
                },
                {
                  "seq": 8,
                  "memberId": "c6d00609-9c38-49d5-b1d9-4d98bdc0cb36",
                  "change": "created",
                  "at": "2026-12-02T16:27:57.531314Z",
                  "member": {
                    "id": "c6d00609-9c38-49d5-b1d9-4d98bdc0cb36",
                    "kind": "ARTIST",
                    "legalName": "Demo Artist Three",
                    "displayName": "Demo Artist Three",
                    "country": "FR",
                    "website": null,
                    "vatNumber": null,
                    "headcount": null,
                    "turnoverEur": null,
                    "sizeClass": null,
                    "category": "REPRESENTED",
                    "representedBy": "19f16d65-b792-432b-89d9-7768565735cb",
                    "status": "ACTIVE",
                    "joinedOn": "2026-12-02",
                    "renewalDueOn": null,
                    "createdAt": "2026-12-02T16:27:57.455952Z",
                    "updatedAt": "2026-12-02T16:27:57.455952Z",
                    "version": 1,
                    "contacts": []
                  }
                }
              ],
              "next": "djE6MTlmMTZkNjUtYjc5Mi00MzJiLTg5ZDktNzc2ODU2NTczNWNiOmo4",
              "more": true
            }""";

    private SyncExamples() {
    }
}
