package eu.impala.campaigns.signature;

/**
 * Bodies of real calls of the signature API (the demo members and a represented label signing one campaign), the
 * examples of its OpenAPI document.
 */
final class SignatureExamples {

    /** A member-admin signs for its own member. */
    static final String OWN_REQUEST = """
            {"comment": "Count us in.", "showName": true}
            """;

    /** An association-admin signs for a member it represents. */
    static final String ASSOCIATION_REQUEST = """
            {"memberId": "d127114d-8dd3-4f22-ab84-aef66caa7a12", "showName": false}
            """;

    static final String SIGNED = """
            {
              "id": "6201ca64-a21d-4702-bcc1-060f03b64474",
              "campaignId": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
              "memberId": "0b5f0000-0000-4000-8000-000000000101",
              "signedBy": "label-admin",
              "viaAssociation": null,
              "comment": "Count us in.",
              "pledge": null,
              "showName": true,
              "signedAt": "2026-12-02T16:21:26.154209Z",
              "withdrawnAt": null,
              "country": "FR",
              "memberKind": "COMPANY",
              "sizeClass": "MICRO",
              "representedBy": "0a5f0000-0000-4000-8000-000000000001"
            }
            """;

    static final String OF_MEMBER = """
            [
              {
                "campaignSlug": "fair-streaming-terms",
                "campaignTitle": "Fair streaming terms for independents",
                "campaignStatus": "PUBLISHED",
                "signature": {
                  "id": "6201ca64-a21d-4702-bcc1-060f03b64474",
                  "campaignId": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
                  "memberId": "0b5f0000-0000-4000-8000-000000000101",
                  "signedBy": "label-admin",
                  "viaAssociation": null,
                  "comment": "Count us in.",
                  "pledge": null,
                  "showName": true,
                  "signedAt": "2026-12-02T16:21:26.154209Z",
                  "withdrawnAt": null,
                  "country": "FR",
                  "memberKind": "COMPANY",
                  "sizeClass": "MICRO",
                  "representedBy": "0a5f0000-0000-4000-8000-000000000001"
                }
              }
            ]
            """;

    static final String PAGE = """
            {
              "items": [
                {
                  "id": "6201ca64-a21d-4702-bcc1-060f03b64474",
                  "campaignId": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
                  "memberId": "0b5f0000-0000-4000-8000-000000000101",
                  "signedBy": "label-admin",
                  "viaAssociation": null,
                  "comment": "Count us in.",
                  "pledge": null,
                  "showName": true,
                  "signedAt": "2026-12-02T16:21:26.154209Z",
                  "withdrawnAt": null,
                  "country": "FR",
                  "memberKind": "COMPANY",
                  "sizeClass": "MICRO",
                  "representedBy": "0a5f0000-0000-4000-8000-000000000001"
                },
                {
                  "id": "2aa43230-f3f6-462a-b7c8-ca2ad292eb33",
                  "campaignId": "e027aa70-66bb-48dc-b5b2-8ca9bd430fb0",
                  "memberId": "d127114d-8dd3-4f22-ab84-aef66caa7a12",
                  "signedBy": "fr-admin",
                  "viaAssociation": "0a5f0000-0000-4000-8000-000000000001",
                  "comment": null,
                  "pledge": null,
                  "showName": false,
                  "signedAt": "2026-12-02T16:21:26.539207Z",
                  "withdrawnAt": null,
                  "country": "FR",
                  "memberKind": "COMPANY",
                  "sizeClass": "MICRO",
                  "representedBy": "0a5f0000-0000-4000-8000-000000000001"
                }
              ],
              "next": "djE6MjAyNi0xMi0wMlQxNjoyMToyNi41MzkyMDdafDJhYTQzMjMwLWYzZjYtNDYyYS1iN2M4LWNhMmFkMjkyZWIzMw"
            }
            """;

    static final String PARTICIPATION = """
            {
              "campaignId": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
              "association": null,
              "total": {"members": 120, "eligible": 100, "signed": 25, "share": 0.25},
              "byCountry": {
                "DE": {"members": 50, "eligible": 40, "signed": 5, "share": 0.125},
                "FR": {"members": 70, "eligible": 60, "signed": 20, "share": 0.3333}
              },
              "bySizeClass": {
                "MICRO": {"members": 90, "eligible": 80, "signed": 22, "share": 0.275},
                "UNKNOWN": {"members": 30, "eligible": 20, "signed": 3, "share": 0.15}
              }
            }
            """;

    static final String PARTICIPATION_CSV = """
            breakdown,label,members,eligible,signed,share
            total,,120,100,25,0.25
            country,DE,50,40,5,0.125
            country,FR,70,60,20,0.3333
            sizeClass,MICRO,90,80,22,0.275
            sizeClass,UNKNOWN,30,20,3,0.15
            """;

    static final String STATS = """
            {
              "total": 3,
              "byDay": {"2026-12-02": 3},
              "byCountry": {"DE": 1, "FR": 2},
              "byAssociation": {"0a5f0000-0000-4000-8000-000000000001": 2, "none": 1}
            }
            """;

    static final String MOBILISATION = """
            {
              "items": [
                {
                  "memberId": "0b5f0000-0000-4000-8000-000000000101",
                  "displayName": "Label Demo Records",
                  "country": "FR",
                  "kind": "COMPANY",
                  "status": "ACTIVE",
                  "eligible": true,
                  "signed": true,
                  "signedAt": "2026-12-02T16:21:26.154209Z"
                },
                {
                  "memberId": "d127114d-8dd3-4f22-ab84-aef66caa7a12",
                  "displayName": "Disques Exemple",
                  "country": "FR",
                  "kind": "COMPANY",
                  "status": "ACTIVE",
                  "eligible": true,
                  "signed": true,
                  "signedAt": "2026-12-02T16:21:26.539207Z"
                }
              ]
            }
            """;

    /** The export of the same campaign. */
    static final String EXPORT = """
            id,member_id,display_name,country,member_kind,size_class,represented_by,signed_at,signed_by,via_association,show_name,comment,pledge
            6201ca64-a21d-4702-bcc1-060f03b64474,0b5f0000-0000-4000-8000-000000000101,Label Demo Records,FR,COMPANY,MICRO,0a5f0000-0000-4000-8000-000000000001,2026-12-02T16:21:26.154209Z,label-admin,,true,Count us in.,
            2aa43230-f3f6-462a-b7c8-ca2ad292eb33,d127114d-8dd3-4f22-ab84-aef66caa7a12,Disques Exemple,FR,COMPANY,MICRO,0a5f0000-0000-4000-8000-000000000001,2026-12-02T16:21:26.539207Z,fr-admin,0a5f0000-0000-4000-8000-000000000001,false,,
            475f1942-642a-4d3c-9e05-8302032a3a65,0b5f0000-0000-4000-8000-000000000102,Ari Demo,DE,ARTIST,,,2026-12-02T16:21:26.756698Z,artist-admin,,true,,
            """;

    private SignatureExamples() {
    }
}
