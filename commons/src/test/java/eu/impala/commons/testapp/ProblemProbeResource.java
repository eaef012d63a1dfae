package eu.impala.commons.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.problem.ProblemException;

/** Endpoints that fail in each way the problem mappers must handle. */
@Path("/test/problems")
public class ProblemProbeResource {

    public enum Colour { RED, GREEN }

    public record Item(@NotBlank @Size(max = 20) String name) {
    }

    public record Body(@NotBlank @Size(max = 10) String name,
                       @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
                       Colour colour,
                       @Max(10) Integer count,
                       List<@Valid Item> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Body echo(@NotNull(message = "a request body is required") @Valid Body body) {
        return body;
    }

    @GET
    @Path("/page")
    public String page(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return Cursor.decode(cursor) + ":" + Cursor.limit(limit);
    }

    @GET
    @Path("/scoped")
    public String scoped(@QueryParam("association") UUID association) {
        return String.valueOf(association);
    }

    @GET
    @Path("/{kind}")
    public String fail(@PathParam("kind") String kind) {
        throw switch (kind) {
            case "missing" -> ProblemException.notFound("member 42");
            case "conflict" -> ProblemException.conflict("already signed");
            case "stale" -> ProblemException.staleVersion(7);
            case "too-large" -> ProblemException.tooLarge("at most 10,000 records per request");
            default -> new IllegalStateException("secret internal detail");
        };
    }
}
