package eu.impala.membership.member;

import java.util.UUID;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;

import eu.impala.commons.validation.CountryCode;
import eu.impala.commons.validation.EnumParam;

/** The list filters of {@code GET /api/v1/members}, all optional and combined with AND. */
public record MemberFilter(
        @QueryParam("country") @CountryCode String country,
        @QueryParam("kind") String kindParam,
        @QueryParam("status") String statusParam,
        @QueryParam("category") String categoryParam,
        @QueryParam("association") UUID association,
        @QueryParam("q") @Size(max = 100) String q) {

    public MemberKind kind() {
        return EnumParam.parse(MemberKind.class, kindParam, "kind");
    }

    public MembershipStatus status() {
        return EnumParam.parse(MembershipStatus.class, statusParam, "status");
    }

    public MembershipCategory category() {
        return EnumParam.parse(MembershipCategory.class, categoryParam, "category");
    }
}
