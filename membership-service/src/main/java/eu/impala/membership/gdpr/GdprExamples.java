package eu.impala.membership.gdpr;

/**
 * A member's export as the OpenAPI example: copied from a real call against the service (fictional data), and checked
 * by {@code OpenApiContractTest} against the schema.
 */
final class GdprExamples {

    static final String EXPORT = """
            {
              "exportedAt": "2026-12-02T16:27:58Z",
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
                "version": 1
              },
              "externalReferences": [
                {"externalId": "FR-0042", "associationId": "19f16d65-b792-432b-89d9-7768565735cb"}
              ],
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
                    "campaigns": {
                      "granted": true,
                      "at": "2026-12-02T16:27:57.455952Z",
                      "source": "sync:19f16d65-b792-432b-89d9-7768565735cb"
                    }
                  },
                  "version": 1
                }
              ],
              "history": [
                {
                  "at": "2026-12-02T16:27:57.531314Z",
                  "actor": "secretariat",
                  "subject": "MEMBER",
                  "subjectId": "7348ca26-fe13-462c-8fcd-38897941e593",
                  "action": "created",
                  "reason": null,
                  "changes": {
                    "kind": {"before": null, "after": "COMPANY"},
                    "legalName": {"before": null, "after": "Marée Haute Disques SARL"},
                    "displayName": {"before": null, "after": "Marée Haute"},
                    "country": {"before": null, "after": "FR"},
                    "headcount": {"before": null, "after": 6},
                    "sizeClass": {"before": null, "after": "MICRO"},
                    "category": {"before": null, "after": "REPRESENTED"},
                    "representedBy": {"before": null, "after": "19f16d65-b792-432b-89d9-7768565735cb"},
                    "status": {"before": null, "after": "ACTIVE"},
                    "joinedOn": {"before": null, "after": "2026-12-02"}
                  }
                },
                {
                  "at": "2026-12-02T16:27:57.534304Z",
                  "actor": "secretariat",
                  "subject": "CONTACT",
                  "subjectId": "c11710a2-96fc-4230-953d-fe6e26f619a7",
                  "action": "contact-added",
                  "reason": null,
                  "changes": {
                    "name": {"before": null, "after": "Demo Contact Two"},
                    "email": {"before": null, "after": "contact.two@example.org"},
                    "phone": {"before": null, "after": null},
                    "role": {"before": null, "after": "PRIMARY"},
                    "language": {"before": null, "after": "fr"},
                    "consents": {"before": null, "after": {"campaigns": true}}
                  }
                }
              ],
              "associationFeed": [
                {
                  "seq": 7,
                  "associationId": "19f16d65-b792-432b-89d9-7768565735cb",
                  "change": "created",
                  "at": "2026-12-02T16:27:57.531314Z"
                }
              ]
            }""";

    private GdprExamples() {
    }
}
