package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * A throwing listener (or any repeated failure) is logged at most once per second per session:
 * the first failure at once, then one line per second saying how many were suppressed.
 */
class RateLimitedLogTest {

    @Test
    void aFloodOfFailuresLogsOncePerSecondWithTheSuppressedCount() {
        List<List<Object>> warnings = new ArrayList<>();
        Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        List<Object> flat = new ArrayList<>();
                        for (Object a : args) {
                            if (a instanceof Object[]) {
                                flat.addAll(Arrays.asList((Object[]) a)); // warn(String, Object...)
                            } else {
                                flat.add(a);
                            }
                        }
                        warnings.add(flat);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        long[] now = {5_000_000_000L};
        RateLimitedLog log = new RateLimitedLog(logger, () -> now[0]);
        RuntimeException failure = new IllegalStateException("listener bug");

        for (int i = 0; i < 1000; i++) { // 1,000 failures within one millisecond
            log.warn("audio listener threw", failure);
            now[0] += 1000;
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).containsExactly("audio listener threw", failure);

        now[0] += 1_000_000_000L; // a second later: one line, with the count of the 999 suppressed
        log.warn("audio listener threw", failure);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1).get(0)).asString().contains("suppressed");
        assertThat(warnings.get(1)).contains(999L, failure);

        log.warn("audio listener threw", failure); // straight after: suppressed again
        assertThat(warnings).hasSize(2);
    }
}
