package eu.impala.membership.contact;

/**
 * Requests and responses of the contacts API as OpenAPI examples: copied from real calls against the service (fictional
 * data), and checked by {@code OpenApiContractTest} against the schemas.
 */
final class ContactExamples {

    static final String CONTACTS = """
            [
              {
                "id": "79fdf7f1-9958-4e91-86ac-632fabe5463d",
                "memberId": "a6322e07-406f-44e9-9358-af9b763cb3f8",
                "name": "Demo Contact One",
                "email": "contact.one@example.org",
                "phone": "+33 1 99 00 00 01",
                "role": "PRIMARY",
                "language": "fr",
                "consents": {
                  "newsletters": {
                    "granted": true,
                    "at": "2026-12-02T16:27:56.729046Z",
                    "source": "api:secretariat"
                  },
                  "campaigns": {
                    "granted": true,
                    "at": "2026-12-02T16:27:56.538897Z",
                    "source": "api:secretariat"
                  }
                },
                "version": 2
              }
            ]""";

    static final String ADD = """
            {
              "name": "Demo Contact One",
              "email": "contact.one@example.org",
              "phone": "+33 1 99 00 00 01",
              "role": "PRIMARY",
              "language": "fr",
              "consents": {"campaigns": true, "newsletters": false}
            }""";

    static final String ADDED = """
            {
              "id": "79fdf7f1-9958-4e91-86ac-632fabe5463d",
              "memberId": "a6322e07-406f-44e9-9358-af9b763cb3f8",
              "name": "Demo Contact One",
              "email": "contact.one@example.org",
              "phone": "+33 1 99 00 00 01",
              "role": "PRIMARY",
              "language": "fr",
              "consents": {
                "newsletters": {
                  "granted": false,
                  "at": "2026-12-02T16:27:56.538897Z",
                  "source": "api:secretariat"
                },
                "campaigns": {
                  "granted": true,
                  "at": "2026-12-02T16:27:56.538897Z",
                  "source": "api:secretariat"
                }
              },
              "version": 1
            }""";

    static final String REPLACE = """
            {
              "name": "Demo Contact One",
              "email": "contact.one@example.org",
              "phone": "+33 1 99 00 00 01",
              "role": "PRIMARY",
              "language": "fr",
              "consents": {"campaigns": true, "newsletters": true}
            }""";

    static final String REPLACED = """
            {
              "id": "79fdf7f1-9958-4e91-86ac-632fabe5463d",
              "memberId": "a6322e07-406f-44e9-9358-af9b763cb3f8",
              "name": "Demo Contact One",
              "email": "contact.one@example.org",
              "phone": "+33 1 99 00 00 01",
              "role": "PRIMARY",
              "language": "fr",
              "consents": {
                "newsletters": {
                  "granted": true,
                  "at": "2026-12-02T16:27:56.729046Z",
                  "source": "api:secretariat"
                },
                "campaigns": {
                  "granted": true,
                  "at": "2026-12-02T16:27:56.538897Z",
                  "source": "api:secretariat"
                }
              },
              "version": 2
            }""";

    private ContactExamples() {
    }
}
