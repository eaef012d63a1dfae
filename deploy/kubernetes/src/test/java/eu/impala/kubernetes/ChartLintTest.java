package eu.impala.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/** helm lint --strict of the chart, and a rendering of both value sets. */
class ChartLintTest {

    @Test
    void theChartPassesStrictLint() {
        LintResult lint = new Helm(Chart.DIR).lint().strict().call();
        assertFalse(lint.isFailed(), () -> String.join("\n", lint.getMessages()));
    }

    @Test
    void bothValueSetsRenderObjects() {
        for (var set : Chart.valueSets()) {
            assertTrue(set.getValue().objects().size() > 30, set.getKey() + ": " + set.getValue().objects().size());
        }
    }
}
