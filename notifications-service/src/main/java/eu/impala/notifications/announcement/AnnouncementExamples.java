package eu.impala.notifications.announcement;

/** Bodies of real calls of the announcements API, the examples of its OpenAPI document (the texts shortened). */
final class AnnouncementExamples {

    static final String REQUEST = """
            {
              "topic": "NEWSLETTERS",
              "translations": {
                "en": {"title": "General assembly on 12 March", "body": "The **general assembly** meets in Brussels.\\n\\n[Register](https://www.impalamusic.org/ga)"},
                "fr": {"title": "Assemblée générale le 12 mars", "body": "L'**assemblée générale** se réunit à Bruxelles."}
              },
              "segment": {
                "memberKinds": ["COMPANY"],
                "categories": [],
                "sizeClasses": ["MICRO", "SMALL"],
                "countries": ["FR", "BE"],
                "statuses": [],
                "associations": [],
                "contactRoles": ["PRIMARY"]
              }
            }""";

    private static final String BODY = """
              "topic": "NEWSLETTERS",
              "translations": {
                "en": {"title": "General assembly on 12 March", "body": "The **general assembly** meets in Brussels.\\n\\n[Register](https://www.impalamusic.org/ga)"},
                "fr": {"title": "Assemblée générale le 12 mars", "body": "L'**assemblée générale** se réunit à Bruxelles."}
              },
              "segment": {
                "memberKinds": ["COMPANY"],
                "categories": [],
                "sizeClasses": ["MICRO", "SMALL"],
                "countries": ["FR", "BE"],
                "statuses": ["ACTIVE"],
                "associations": [],
                "contactRoles": ["PRIMARY"]
              },
              "createdBy": null,
              "createdAt": "2026-12-03T09:12:40.118213Z",
            """;

    static final String DRAFT = """
            {
              "id": "5d1c0f7e-6a43-4f1e-9a63-2a8b3f0c9d11",
              "version": 1,
              "status": "DRAFT",
            """ + BODY + """
              "scheduledAt": null,
              "startedAt": null,
              "sentAt": null,
              "cancelledAt": null
            }""";

    static final String SCHEDULED = """
            {
              "id": "5d1c0f7e-6a43-4f1e-9a63-2a8b3f0c9d11",
              "version": 2,
              "status": "SCHEDULED",
            """ + BODY + """
              "scheduledAt": "2026-12-24T09:00:00Z",
              "startedAt": null,
              "sentAt": null,
              "cancelledAt": null
            }""";

    static final String SENT = """
            {
              "id": "5d1c0f7e-6a43-4f1e-9a63-2a8b3f0c9d11",
              "version": 4,
              "status": "SENT",
            """ + BODY + """
              "scheduledAt": "2026-12-24T09:00:00Z",
              "startedAt": "2026-12-24T09:00:03.52107Z",
              "sentAt": "2026-12-24T09:00:04.00412Z",
              "cancelledAt": null
            }""";

    static final String CANCELLED = """
            {
              "id": "5d1c0f7e-6a43-4f1e-9a63-2a8b3f0c9d11",
              "version": 3,
              "status": "CANCELLED",
            """ + BODY + """
              "scheduledAt": "2026-12-24T09:00:00Z",
              "startedAt": null,
              "sentAt": null,
              "cancelledAt": "2026-12-03T09:20:11.20343Z"
            }""";

    static final String PAGE = "{\"items\": [" + SENT + "], \"next\": \"MjAyNi0xMi0wM1QwOToxMjo0MC4xMTgyMTNafDVkMWMwZjdl\"}";

    static final String PREVIEW = """
            {
              "members": 412,
              "contacts": 430,
              "email": 377,
              "inApp": 412,
              "byLanguage": {"en": 251, "fr": 126},
              "sample": {
                "language": "fr",
                "subject": "Assemblée générale le 12 mars",
                "html": "<html><body>\\n<p>Bonjour ,</p>\\n<h1>Assemblée générale le 12 mars</h1>\\n<p>L'<strong>assemblée générale</strong> se réunit à Bruxelles.</p>\\n</body></html>",
                "text": "Bonjour ,\\n\\nAssemblée générale le 12 mars\\n\\nL'assemblée générale se réunit à Bruxelles.\\n"
              }
            }""";

    static final String TEST_SEND = """
            {"addresses": ["press@impalamusic.org", "board@impalamusic.org"], "language": "fr"}""";

    static final String TEST_SENT = """
            {"queued": 2}""";

    static final String SEND = """
            {"at": "2026-12-24T09:00:00Z"}""";

    static final String STATISTICS = """
            {
              "announcementId": "5d1c0f7e-6a43-4f1e-9a63-2a8b3f0c9d11",
              "status": "SENT",
              "recipients": 377,
              "pending": 0,
              "sent": 360,
              "failed": 2,
              "dead": 1,
              "digest": 14,
              "inApp": 412,
              "unsubscribed": 3
            }""";

    private AnnouncementExamples() {
    }
}
