package eu.impala.membership.statistics;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.commons.csv.Csv;
import eu.impala.commons.csv.Representation;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;

/** Counts of members today and their movements per month, as JSON or CSV; an anonymised part for anyone. */
@Path("/api/v1/statistics/members")
@Tag(name = "Statistics", description = "How many members there are, by country, kind, size class, category and "
        + "status, and how many joined, lapsed, were terminated or came back per month. JSON, or CSV with "
        + "Accept: text/csv (a header line, then one line per cell).")
public class StatisticsResource {

    private final StatisticsQueries queries;
    private final Callers callers;

    public StatisticsResource(StatisticsQueries queries, Callers callers) {
        this.queries = queries;
        this.callers = callers;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "getMemberCounts", summary = "Count members today", description = "Members by country, "
            + "kind, size class, category and status, each breakdown summing to the total; erased members are not "
            + "counted. The secretariat counts all members or, with association, those an association represents; an "
            + "association's staff and systems count the members it represents, whatever they ask.")
    @APIResponse(responseCode = "200", description = "The counts", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberCounts.class),
                examples = @ExampleObject(name = "association", value = StatisticsExamples.COUNTS)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "association", value = StatisticsExamples.COUNTS_CSV))})
    @APIResponse(responseCode = "400", description = "association is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token's roles do not allow this, or an association's token "
            + "asks for another association",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> counts(
            @Parameter(description = "The association whose members to count (secretariat only; others count their own)")
            @QueryParam("association") UUID association, @Context HttpHeaders headers) {
        UUID scope = StatisticsQueries.scope(callers.current(), association);
        return answer(headers, () -> queries.counts(scope), MemberCounts.CSV_COLUMNS, MemberCounts::rows);
    }

    @GET
    @Path("/monthly")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.SYNC_CLIENT})
    @Operation(operationId = "getMemberMovements", summary = "Joins, lapses, terminations and re-activations per month",
            description = "From the change history, every month of the range listed (UTC months). A join is a member "
            + "becoming ACTIVE for the first time, a re-activation ACTIVE again after LAPSED or SUSPENDED. A change counts "
            + "for the association that represented the member right after it. Scoped as the counts are.")
    @APIResponse(responseCode = "200", description = "The series", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MonthlyMovements.class),
                examples = @ExampleObject(name = "quarter", value = StatisticsExamples.MONTHLY)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "quarter", value = StatisticsExamples.MONTHLY_CSV))})
    @APIResponse(responseCode = "400", description = "from or to is not a month (YYYY-MM), from is after to, the range "
            + "is longer than 120 months, or association is not a UUID (errors[] names the parameter)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or not a valid token of the impala realm",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token's roles do not allow this, or an association's token "
            + "asks for another association",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> monthly(
            @Parameter(description = "The association whose members to count (secretariat only; others count their own)")
            @QueryParam("association") UUID association,
            @Parameter(description = "First month, YYYY-MM; default: eleven months before to") @QueryParam("from") String from,
            @Parameter(description = "Last month, YYYY-MM; default: the current month") @QueryParam("to") String to,
            @Context HttpHeaders headers) {
        UUID scope = StatisticsQueries.scope(callers.current(), association);
        MonthRange range = MonthRange.parse(from, to, YearMonth.now(ZoneOffset.UTC));
        return answer(headers, () -> queries.monthly(scope, range), MonthlyMovements.CSV_COLUMNS, MonthlyMovements::rows);
    }

    @GET
    @Path("/public")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @PermitAll
    @SecurityRequirements // no token at all: security: [] in the document
    @Operation(operationId = "getPublicMemberCounts", summary = "ACTIVE members, anonymised", description = "For anyone, "
            + "without a token: ACTIVE members by country, size class and kind. A count of 1 to 4 shows as \"<5\"; where "
            + "the shown counts would let one work a \"<5\" out from the total by subtraction, the smallest shown counts "
            + "are hidden too, as \">=5\". No total is given.")
    @APIResponse(responseCode = "200", description = "The anonymised counts", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicCounts.class),
                examples = @ExampleObject(name = "public", value = StatisticsExamples.PUBLIC)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "public", value = StatisticsExamples.PUBLIC_CSV))})
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> publicCounts(@Context HttpHeaders headers) {
        Representation representation = Representation.chosen(headers, Representation.JSON, Representation.CSV);
        // the same for everyone and slow to change: browsers and shared caches may keep it a while, per Accept
        return queries.publicCounts().map(counts -> representation.answer(counts, MemberCounts.CSV_COLUMNS,
                PublicCounts::rows).header("Cache-Control", "public, max-age=" + PUBLIC_MAX_AGE_SECONDS)
                .header("Vary", "Accept").build());
    }

    /** How long a public answer may be reused: the counts move by a few members a day. */
    static final int PUBLIC_MAX_AGE_SECONDS = 300;

    /** The statistics as the caller's Accept asks: JSON, or CSV of {@code columns}; 406 for anything else. */
    private static <T> Uni<Response> answer(HttpHeaders headers, Supplier<Uni<T>> statistics, List<String> columns,
                                            Function<T, List<Map<String, Object>>> rows) {
        Representation representation = Representation.chosen(headers, Representation.JSON, Representation.CSV);
        return statistics.get().map(s -> representation.answer(s, columns, rows).build());
    }
}
