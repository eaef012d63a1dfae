package eu.impala.commons.bulk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One set-based UPDATE in which each row sets only the columns its own change names (a status here, a name and a
 * country there), e.g. a read model applying a batch of partial-update events. Each key at most once per patch.
 */
public final class ColumnPatch {

    private final String table;
    private final String keyColumn;
    private final Map<String, String> columnTypes;
    private final List<UUID> keys = new ArrayList<>();
    private final List<Map<String, Object>> changes = new ArrayList<>();

    /** {@code columnTypes}: each column that may be set and its SQL type ({@code text}, {@code uuid}, ...). */
    public ColumnPatch(String table, String keyColumn, Map<String, String> columnTypes) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.columnTypes = new LinkedHashMap<>(columnTypes);
    }

    /** Sets {@code values} (column → value, null allowed) on the row of {@code key}; unknown columns are refused. */
    public ColumnPatch set(UUID key, Map<String, Object> values) {
        for (String column : values.keySet()) {
            if (!columnTypes.containsKey(column)) {
                throw new IllegalArgumentException(table + " has no patchable column " + column);
            }
        }
        keys.add(key);
        changes.add(values);
        return this;
    }

    /**
     * Sets the columns that {@code fields} (an event's field name → new value) name through {@code fieldColumns}
     * (field → column); fields without a column are not this table's concern. Values are converted to the column's type.
     */
    public ColumnPatch setFields(UUID key, Map<String, Object> fields, Map<String, String> fieldColumns) {
        Map<String, Object> values = new java.util.HashMap<>();
        if (fields != null) {
            fields.forEach((field, value) -> {
                String column = fieldColumns.get(field);
                if (column != null) {
                    values.put(column, value == null ? null
                            : "uuid".equals(columnTypes.get(column)) ? UUID.fromString(value.toString()) : value.toString());
                }
            });
        }
        return set(key, values);
    }

    /** Sets one column of the row of {@code key} (the value may be null). */
    public ColumnPatch set(UUID key, String column, Object value) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put(column, value);
        return set(key, values);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Runs the UPDATE (also setting {@code updated_at = now()}); nothing when empty. */
    public Uni<Void> execute(SqlConnection conn) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = keys.size();
        List<Object> params = new ArrayList<>();
        params.add(keys.toArray(UUID[]::new));
        StringBuilder sets = new StringBuilder();
        StringBuilder arrays = new StringBuilder("$1::uuid[]");
        StringBuilder names = new StringBuilder("k");
        int i = 0;
        for (Map.Entry<String, String> column : columnTypes.entrySet()) {
            String name = column.getKey();
            Boolean[] has = new Boolean[n];
            Object[] values = "uuid".equals(column.getValue()) ? new UUID[n] : new String[n];
            for (int r = 0; r < n; r++) {
                has[r] = changes.get(r).containsKey(name);
                Object value = changes.get(r).get(name);
                values[r] = value == null ? null : "uuid".equals(column.getValue()) ? value : value.toString();
            }
            params.add(has);
            params.add(values);
            int p = params.size();
            arrays.append(", $").append(p - 1).append("::bool[], $").append(p).append("::").append(column.getValue()).append("[]");
            names.append(", h").append(i).append(", v").append(i);
            sets.append(name).append(" = case when u.h").append(i).append(" then u.v").append(i)
                    .append(" else t.").append(name).append(" end, ");
            i++;
        }
        String sql = "update " + table + " t set " + sets + "updated_at = now() from unnest(" + arrays + ") as u("
                + names + ") where t." + keyColumn + " = u.k";
        return conn.preparedQuery(sql).execute(Tuple.tuple(params)).replaceWithVoid();
    }
}
