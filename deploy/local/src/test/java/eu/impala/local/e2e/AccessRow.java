package eu.impala.local.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One row: an endpoint and the status each caller gets per case. */
final class AccessRow {
    /** If-Match from a GET of the same path by the secretariat: the resource's current version. */
    static final String CURRENT = "current";
    /** If-Match of the resource the path acts on (the path without its last segment, e.g. {@code .../send}). */
    static final String PARENT = "parent";

    final String method;
    final String path;
    final String body;
    String ifMatch;
    String ifNoneMatch;
    String contentType;
    boolean noLeak;
    final Map<AccessCase, int[]> expected = new EnumMap<>(AccessCase.class);

    AccessRow(String method, String path, String body) {
        this.method = method;
        this.path = path;
        this.body = body;
    }

    AccessRow ifMatch(String value) {
        ifMatch = value;
        return this;
    }

    AccessRow ifNoneMatch(String value) {
        ifNoneMatch = value;
        return this;
    }

    AccessRow contentType(String value) {
        contentType = value;
        return this;
    }

    /** What a tenant-bound caller reads here must hold no id of the other tenant, nor a draft. */
    AccessRow noLeak() {
        noLeak = true;
        return this;
    }

    AccessRow any(String statuses) {
        return expect(AccessCase.ANY, statuses);
    }

    AccessRow own(String statuses) {
        return expect(AccessCase.OWN, statuses);
    }

    AccessRow foreign(String statuses) {
        return expect(AccessCase.FOREIGN, statuses);
    }

    AccessRow none(String statuses) {
        return expect(AccessCase.NONE, statuses);
    }

    AccessRow mixed(String statuses) {
        return expect(AccessCase.MIXED, statuses);
    }

    private AccessRow expect(AccessCase which, String statuses) {
        int[] parsed = Arrays.stream(statuses.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        if (parsed.length != Who.values().length) {
            throw new IllegalArgumentException(method + " " + path + " " + which + ": one status per caller");
        }
        expected.put(which, parsed);
        return this;
    }

    /** Every cell of this row. */
    List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        expected.forEach((which, statuses) -> {
            for (Who who : Who.values()) {
                cells.add(new Cell(this, who, which, statuses[who.ordinal()]));
            }
        });
        return cells;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** One cell: a caller, a case, the status it must get. */
    record Cell(AccessRow endpoint, Who who, AccessCase which, int status) {
        String name() {
            return who.login() + (which == AccessCase.ANY ? "" : ", " + which.name().toLowerCase() + " resource")
                    + " -> " + status;
        }
    }
}
