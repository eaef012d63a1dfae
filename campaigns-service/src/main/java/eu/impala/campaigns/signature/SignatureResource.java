package eu.impala.campaigns.signature;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.campaigns.campaign.Campaign;
import eu.impala.campaigns.campaign.CampaignStore;
import eu.impala.campaigns.member.MemberDirectory;
import eu.impala.commons.csv.Csv;
import eu.impala.commons.csv.Representation;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Signing and withdrawing for a member, and the views the secretariat and associations mobilise with. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Signatures", description = "Members sign and withdraw (their own staff, or their association for "
        + "them); the secretariat and associations follow who signed.")
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's role or association does not allow this.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such campaign (drafts are the secretariat's only), or no such "
        + "member for this token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SignatureResource {

    private final SignatureService signatures;
    private final SignatureQueries queries;
    private final ParticipationQueries participation;
    private final CampaignStore campaigns;
    private final MemberDirectory members;
    private final Pool pool;
    private final Callers callers;

    public SignatureResource(SignatureService signatures, SignatureQueries queries, ParticipationQueries participation,
                             CampaignStore campaigns, MemberDirectory members, Pool pool, Callers callers) {
        this.signatures = signatures;
        this.queries = queries;
        this.participation = participation;
        this.campaigns = campaigns;
        this.members = members;
        this.pool = pool;
        this.callers = callers;
    }

    @POST
    @Path("/{id}/signatures")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.MEMBER_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(operationId = "signCampaign", summary = "Sign a campaign for a member", description = "A member-admin "
            + "signs for its own member; an association-admin for a member it represents (memberId required, recorded "
            + "as signed via the association). Only ACTIVE members that fit the campaign's eligibility sign (422 names "
            + "why not). Signing again returns the existing signature (200) and changes nothing; a new one is 201.")
    @APIResponse(responseCode = "201", description = "The new signature.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Signature.class),
                    examples = @ExampleObject(name = "signed", value = SignatureExamples.SIGNED)))
    @APIResponse(responseCode = "200", description = "The member had signed already: its signature, unchanged.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Signature.class),
                    examples = @ExampleObject(name = "signedBefore", value = SignatureExamples.SIGNED)))
    @APIResponse(responseCode = "400", description = "Invalid fields or unreadable JSON; memberId missing for an "
            + "association; a pledge missing on, or given to, the wrong kind of campaign.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The campaign is not PUBLISHED (closed or archived): it takes "
            + "no signatures.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The member may not sign: not ACTIVE, or outside the "
            + "campaign's eligibility (detail says which).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> sign(@PathParam("id") UUID campaignId,
                              @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                      schema = @Schema(implementation = SignatureRequest.class), examples = {
                                          @ExampleObject(name = "ownMember", value = SignatureExamples.OWN_REQUEST),
                                          @ExampleObject(name = "forARepresentedMember",
                                                  value = SignatureExamples.ASSOCIATION_REQUEST)}))
                              @NotNull(message = "a signature is required") @Valid SignatureRequest request) {
        return signatures.sign(callers.current(), campaignId, request)
                .map(outcome -> Response.status(outcome.created() ? 201 : 200).entity(outcome.signature()).build());
    }

    @DELETE
    @Path("/{id}/signatures/{memberId}")
    @RolesAllowed({Role.MEMBER_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(operationId = "withdrawCampaignSignature", summary = "Withdraw a member's signature", description =
            "While the campaign is PUBLISHED (409 after it closed); the member may sign again later.")
    @APIResponse(responseCode = "204", description = "Withdrawn; the counters no longer count it.")
    @APIResponse(responseCode = "409", description = "The campaign is closed: its signatures stay.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> withdraw(@PathParam("id") UUID campaignId, @PathParam("memberId") UUID memberId) {
        return signatures.withdraw(callers.current(), campaignId, memberId).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/signed-by/{memberId}")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(operationId = "listMemberCampaignSignatures", summary = "A member's signatures", description = "Live "
            + "and withdrawn, newest first; member staff see their own member's, association staff those of the members "
            + "they represent.")
    @APIResponse(responseCode = "200", description = "Every signature of the member, each with its campaign.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = SignatureQueries.MemberSignature.class),
                    examples = @ExampleObject(name = "signatures", value = SignatureExamples.OF_MEMBER)))
    public Uni<List<SignatureQueries.MemberSignature>> ofMember(@PathParam("memberId") UUID memberId) {
        Caller caller = callers.current();
        return members.find(pool, memberId)
                .invoke(member -> SignatureAccess.mayRead(caller, memberId, member))
                .chain(() -> queries.ofMember(memberId));
    }

    @GET
    @Path("/{id}/signatures")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(operationId = "listCampaignSignatures", summary = "A campaign's signatures", description = "Live "
            + "ones in signing order with cursor pagination; association staff see those of the members they represent.")
    @APIResponse(responseCode = "200", description = "A page; next, when present, is the cursor of the following one.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CursorPage.class,
                            properties = @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                    implementation = Signature.class)),
                    examples = @ExampleObject(name = "page", value = SignatureExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "A foreign cursor or a limit out of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<Signature>> list(@PathParam("id") UUID campaignId, @QueryParam("cursor") String cursor,
                                           @QueryParam("limit") Integer limit) {
        int pageSize = Cursor.limit(limit);
        Caller caller = callers.current();
        return visibleCampaign(caller, campaignId)
                .chain(c -> queries.list(c.id(), scope(caller), cursor, pageSize));
    }

    @GET
    @Path("/{id}/stats")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(operationId = "getCampaignSignatureStats", summary = "Signature figures", description = "Total, per "
            + "day (UTC), per country and per representing association (none: direct members); association staff get "
            + "the figures of their own members.")
    @APIResponse(responseCode = "200", description = "The figures.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SignatureQueries.Stats.class),
                    examples = @ExampleObject(name = "figures", value = SignatureExamples.STATS)))
    public Uni<SignatureQueries.Stats> stats(@PathParam("id") UUID campaignId) {
        Caller caller = callers.current();
        return visibleCampaign(caller, campaignId).chain(c -> queries.stats(c.id(), scope(caller)));
    }

    @GET
    @Path("/{id}/participation")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(operationId = "getCampaignParticipation", summary = "Participation against the sector", description =
            "Per country and size class (UNKNOWN: none declared): the ACTIVE members, those the campaign's rules admit "
            + "(eligible), how many of them have signed, and signed / eligible. Members as they are now: one that "
            + "lapsed after signing counts in neither. Association staff get the figures of their own members. JSON, "
            + "or CSV with Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "The figures.", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = ParticipationQueries.Participation.class),
                examples = @ExampleObject(name = "figures", value = SignatureExamples.PARTICIPATION)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "figures", value = SignatureExamples.PARTICIPATION_CSV))})
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> participation(@PathParam("id") UUID campaignId, @Context HttpHeaders headers) {
        Representation representation = Representation.chosen(headers, Representation.JSON, Representation.CSV);
        Caller caller = callers.current();
        return visibleCampaign(caller, campaignId).chain(c -> participation.of(c, scope(caller)))
                .map(figures -> representation.answer(figures, ParticipationQueries.Participation.CSV_COLUMNS,
                        ParticipationQueries.Participation::rows).build());
    }

    @GET
    @Path("/{id}/associations/{associationId}/members")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(operationId = "listCampaignMobilisation", summary = "Who of an association's members has signed",
            description = "Every member the association represents with whether it may sign and whether it has; "
            + "signed=false lists whom to mobilise. Association staff only for their own association (403 otherwise).")
    @APIResponse(responseCode = "200", description = "A page; next, when present, is the cursor of the following one.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CursorPage.class,
                            properties = @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                    implementation = SignatureQueries.MobilisationEntry.class)),
                    examples = @ExampleObject(name = "page", value = SignatureExamples.MOBILISATION)))
    @APIResponse(responseCode = "400", description = "A foreign cursor or a limit out of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<SignatureQueries.MobilisationEntry>> mobilisation(
            @PathParam("id") UUID campaignId, @PathParam("associationId") UUID associationId,
            @QueryParam("signed") Boolean signed, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int pageSize = Cursor.limit(limit);
        Caller caller = callers.current();
        caller.requireAssociation(associationId);
        return visibleCampaign(caller, campaignId).chain(c -> queries.mobilisation(c.id(), c.eligibility(),
                associationId, signed, cursor, pageSize));
    }

    @GET
    @Path("/{id}/signatures/export")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(operationId = "exportCampaignSignatures", summary = "Export the signatories (CSV)", description =
            "Every live signature with the member's current name (empty once erased), in signing order.")
    @APIResponse(responseCode = "200", description = "The CSV, one header line, then one line per signature.",
            content = @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "export", value = SignatureExamples.EXPORT)))
    public Uni<Response> export(@PathParam("id") UUID campaignId, @Context HttpHeaders headers) {
        Representation csv = Representation.chosen(headers, Representation.CSV);
        return visibleCampaign(callers.current(), campaignId).chain(c -> queries.export(c.id()).map(rows ->
                csv.answer(rows, EXPORT_COLUMNS, all -> all)
                        .header("Content-Disposition", "attachment; filename=\"" + c.slug() + "-signatories.csv\"")
                        .build()));
    }

    private Uni<Campaign> visibleCampaign(Caller caller, UUID campaignId) {
        return campaigns.visible(pool, caller, campaignId);
    }

    private static UUID scope(Caller caller) {
        return caller.isPlatformAdmin() ? null : caller.associationId().orElseThrow(
                () -> ProblemException.forbidden("this token is bound to no association"));
    }

    /** Column order of the export, for the tests and the docs. */
    static final List<String> EXPORT_COLUMNS = List.of("id", "member_id", "display_name", "country", "member_kind",
            "size_class", "represented_by", "signed_at", "signed_by", "via_association", "show_name", "comment", "pledge");
}
