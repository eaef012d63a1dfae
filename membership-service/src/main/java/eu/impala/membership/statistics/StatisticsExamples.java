package eu.impala.membership.statistics;

/** Answers of the statistics operations as the service gives them, for the OpenAPI document. */
final class StatisticsExamples {

    private StatisticsExamples() {
    }

    static final String COUNTS = """
            {
              "association": "0a5f0000-0000-4000-8000-000000000001",
              "total": 57,
              "byCountry": {"FR": 55, "MC": 2},
              "byKind": {"COMPANY": 49, "ARTIST": 8, "NATIONAL_ASSOCIATION": 0},
              "bySizeClass": {"MICRO": 31, "SMALL": 14, "MEDIUM": 3, "UNCLASSIFIED": 9},
              "byCategory": {"DIRECT": 0, "REPRESENTED": 57, "ASSOCIATE": 0},
              "byStatus": {"APPLICANT": 1, "ACTIVE": 50, "SUSPENDED": 0, "LAPSED": 5, "TERMINATED": 1}
            }""";

    static final String COUNTS_CSV = """
            breakdown,label,members
            total,,57
            country,FR,55
            country,MC,2
            kind,COMPANY,49
            kind,ARTIST,8
            kind,NATIONAL_ASSOCIATION,0
            sizeClass,MICRO,31
            """;

    static final String MONTHLY = """
            {
              "association": "0a5f0000-0000-4000-8000-000000000001",
              "from": "2026-01",
              "to": "2026-03",
              "months": [
                {"month": "2026-01", "joins": 12, "lapses": 1, "terminations": 0, "reactivations": 0},
                {"month": "2026-02", "joins": 4, "lapses": 3, "terminations": 1, "reactivations": 2},
                {"month": "2026-03", "joins": 0, "lapses": 0, "terminations": 0, "reactivations": 1}
              ]
            }""";

    static final String MONTHLY_CSV = """
            month,joins,lapses,terminations,reactivations
            2026-01,12,1,0,0
            2026-02,4,3,1,2
            2026-03,0,0,0,1
            """;

    static final String PUBLIC = """
            {
              "byCountry": {"BE": 18, "DE": 240, "FR": 212, "LU": ">=5", "MT": "<5"},
              "bySizeClass": {"MICRO": 301, "SMALL": 120, "MEDIUM": 27, "UNCLASSIFIED": 29},
              "byKind": {"COMPANY": 448, "ARTIST": 29, "NATIONAL_ASSOCIATION": 0}
            }""";

    static final String PUBLIC_CSV = """
            breakdown,label,members
            country,BE,18
            country,DE,240
            country,FR,212
            country,LU,>=5
            country,MT,<5
            sizeClass,MICRO,301
            """;
}
