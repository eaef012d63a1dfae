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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.impala.campaigns.campaign.Campaign;
import eu.impala.campaigns.campaign.CampaignStatus;
import eu.impala.campaigns.campaign.CampaignStore;
import eu.impala.campaigns.member.MemberDirectory;
import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Signing and withdrawing for a member, and the views the secretariat and associations mobilise with. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Signatures")
public class SignatureResource {

    private final SignatureService signatures;
    private final SignatureQueries queries;
    private final CampaignStore campaigns;
    private final MemberDirectory members;
    private final Pool pool;
    private final Callers callers;

    public SignatureResource(SignatureService signatures, SignatureQueries queries, CampaignStore campaigns,
                             MemberDirectory members, Pool pool, Callers callers) {
        this.signatures = signatures;
        this.queries = queries;
        this.campaigns = campaigns;
        this.members = members;
        this.pool = pool;
        this.callers = callers;
    }

    @POST
    @Path("/{id}/signatures")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.MEMBER_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(summary = "Sign a campaign for a member", description = "A member-admin signs for its own member; an "
            + "association-admin for a member it represents (memberId required, recorded as signed via the "
            + "association). Only ACTIVE members that fit the campaign's eligibility sign (422 names why not). "
            + "Signing again returns the existing signature (200) and changes nothing; a new one is 201.")
    public Uni<Response> sign(@PathParam("id") UUID campaignId,
                              @NotNull(message = "a signature is required") @Valid SignatureRequest request) {
        return signatures.sign(callers.current(), campaignId, request)
                .map(outcome -> Response.status(outcome.created() ? 201 : 200).entity(outcome.signature()).build());
    }

    @DELETE
    @Path("/{id}/signatures/{memberId}")
    @RolesAllowed({Role.MEMBER_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(summary = "Withdraw a member's signature", description = "While the campaign is PUBLISHED (409 "
            + "after it closed); the member may sign again later.")
    public Uni<Response> withdraw(@PathParam("id") UUID campaignId, @PathParam("memberId") UUID memberId) {
        return signatures.withdraw(callers.current(), campaignId, memberId).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/signed-by/{memberId}")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
    @Operation(summary = "A member's signatures", description = "Live and withdrawn, newest first; member staff see "
            + "their own member's, association staff those of the members they represent.")
    public Uni<List<SignatureQueries.MemberSignature>> ofMember(@PathParam("memberId") UUID memberId) {
        Caller caller = callers.current();
        return members.find(pool, memberId)
                .invoke(member -> SignatureAccess.mayRead(caller, memberId, member))
                .chain(() -> queries.ofMember(memberId));
    }

    @GET
    @Path("/{id}/signatures")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(summary = "A campaign's signatures", description = "Live ones in signing order with cursor pagination; "
            + "association staff see those of the members they represent.")
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
    @Operation(summary = "Signature figures", description = "Total, per day (UTC), per country and per representing "
            + "association; association staff get the figures of their own members.")
    public Uni<SignatureQueries.Stats> stats(@PathParam("id") UUID campaignId) {
        Caller caller = callers.current();
        return visibleCampaign(caller, campaignId).chain(c -> queries.stats(c.id(), scope(caller)));
    }

    @GET
    @Path("/{id}/associations/{associationId}/members")
    @RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN})
    @Operation(summary = "Who of an association's members has signed", description = "Every member the association "
            + "represents with whether it may sign and whether it has; signed=false lists whom to mobilise. "
            + "Association staff only for their own association (403 otherwise).")
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
    @Produces("text/csv")
    @RolesAllowed(Role.PLATFORM_ADMIN)
    @Operation(summary = "Export the signatories (CSV)", description = "Every live signature with the member's current "
            + "name (empty once erased), in signing order.")
    public Uni<Response> export(@PathParam("id") UUID campaignId) {
        return visibleCampaign(callers.current(), campaignId).chain(c -> queries.export(c.id()).map(rows ->
                Response.ok(SignatoryCsv.write(rows), "text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"" + c.slug() + "-signatories.csv\"")
                        .build()));
    }

    /** The campaign, or 404: missing, or a draft that only the secretariat sees. */
    private Uni<Campaign> visibleCampaign(Caller caller, UUID campaignId) {
        return campaigns.find(pool, campaignId).map(c -> {
            if (c == null || (!caller.isPlatformAdmin() && c.status() == CampaignStatus.DRAFT)) {
                throw ProblemException.notFound("campaign " + campaignId);
            }
            return c;
        });
    }

    private static UUID scope(Caller caller) {
        return caller.isPlatformAdmin() ? null : caller.associationId().orElseThrow(
                () -> ProblemException.forbidden("this token is bound to no association"));
    }

    /** Column order of the export, for the tests and the docs. */
    static final List<String> EXPORT_COLUMNS = List.of("id", "member_id", "display_name", "country", "member_kind",
            "size_class", "represented_by", "signed_at", "signed_by", "via_association", "show_name", "comment", "pledge");
}
