package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load tool scaled down to run in every build: 50 bidirectional calls for 2 s. Asserts
 * what must hold on any machine: every packet written arrives and plays, none is refused, and
 * every pooled buffer is back. No latency or CPU assertion (those are measured, not tested).
 */
@Timeout(120)
class LoadRunTest {

    @Test
    void fiftyCallsForTwoSecondsLoseNothingAndLeakNoBuffer() throws Exception {
        LoadRun.Report r = new LoadRun(50, 2, 2, 0.5, false).run();
        assertThat(r.streams()).isEqualTo(100);
        assertThat(r.sent()).isEqualTo(100L * 100); // 100 streams x 100 packets of 20 ms
        assertThat(r.unsent()).isZero();
        assertThat(r.received()).isEqualTo(r.sent());
        assertThat(r.lost()).isZero();
        assertThat(r.late()).isZero();
        assertThat(r.expected()).isEqualTo(r.sent());
        assertThat(r.buffersInUseAfter()).isZero();
        assertThat(r.latencySamples()).isPositive(); // the packets after the warm-up were timed
    }

    @Test
    void fiftyRelayedCallsForTwoSecondsLoseNothingAndLeakNoBuffer() throws Exception {
        LoadRun.Report r = new LoadRun(50, 2, 2, 0.5, true).run();
        assertThat(r.streams()).isEqualTo(200); // endpoint to relay and relay to endpoint, both ways
        assertThat(r.sent()).isEqualTo(100L * 100); // the 100 endpoints' packets, each through the relay
        assertThat(r.unsent()).isZero();
        assertThat(r.received()).isEqualTo(r.sent());
        assertThat(r.lost()).isZero();
        assertThat(r.late()).isZero();
        assertThat(r.buffersInUseAfter()).isZero();
        assertThat(r.latencySamples()).isPositive();
    }

    @Test
    void theCommandPrintsTheFiguresAndRejectsBadArguments() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VoxcoreCli.run(new String[] {"load", "--calls", "2", "--seconds", "0.5", "--json"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"calls\":2").contains("\"sent\":100").contains("\"lost\":0");
        assertThat(VoxcoreCli.run(new String[] {"load", "--calls", "0", "--seconds", "1"}, new PrintWriter(out, true),
                new PrintWriter(err, true))).isEqualTo(VoxcoreCli.USAGE);
        assertThat(err.toString()).contains("--calls 0");
        assertThatThrownBy(() -> new LoadRun(1, 0, 1, 0, false)).hasMessageContaining("--seconds 0");
    }
}
