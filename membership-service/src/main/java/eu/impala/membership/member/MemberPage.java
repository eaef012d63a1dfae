package eu.impala.membership.member;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of the member listing. The first page of one association's members also carries the position of its
 * delta feed taken in the same snapshot: a mirror reads every page, then follows the feed from there.
 */
public record MemberPage(List<MemberView> items,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String next,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String feedCursor) {
}
