package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** NTP timestamp conversions and the RFC 3550 section 6.4.1 round-trip computation. */
class NtpTimeTest {

    @Test
    void roundTripOfTheRfc3550WorkedExample() {
        // RFC 3550 6.4.1, figure 2: A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.250 s)  ->  RTT = 0x0006:2000 (6.125 s)
        long rtt = NtpTime.roundTripNanos(0xB7108000L, 0xB7052000L, 0x00054000L);
        assertThat(rtt).isEqualTo(6_125_000_000L);
        assertThat(NtpTime.roundTrip(0xB7108000L, 0xB7052000L, 0x00054000L)).contains(Duration.ofMillis(6125));
    }

    @Test
    void noRoundTripBeforeASenderReportOrWhenNegative() {
        assertThat(NtpTime.roundTripNanos(0xB7108000L, 0, 0)).isEqualTo(NtpTime.NO_RTT);
        assertThat(NtpTime.roundTrip(0xB7108000L, 0, 0x00054000L)).isEmpty();
        // the report claims to have held our SR longer than it has been out: negative, rejected
        assertThat(NtpTime.roundTripNanos(0xB7108000L, 0xB7052000L, 0x000C0000L)).isEqualTo(NtpTime.NO_RTT);
    }

    @Test
    void roundTripAcrossTheWrapOfTheCompactClock() {
        // LSR just before 2^32 (65535.5 s), arrival 1.5 s later after the wrap, no hold: 2 s
        assertThat(NtpTime.roundTripNanos(0x00018000L, 0xFFFF8000L, 0)).isEqualTo(2_000_000_000L);
    }

    @Test
    void unixEpochIsNtpSeconds2208988800() {
        // RFC 868 / RFC 5905: 1970-01-01T00:00Z is 2,208,988,800 s after 1900-01-01T00:00Z = 0x83AA7E80
        assertThat(NtpTime.fromEpochMillis(0)).isEqualTo(0x83AA7E80_00000000L);
        assertThat(NtpTime.fromEpochMillis(1_500)).isEqualTo(0x83AA7E81_80000000L);
        assertThat(NtpTime.fromEpochMillis(250)).isEqualTo(0x83AA7E80_40000000L);
        assertThat(NtpTime.fromEpochNanos(1_500_000_000L)).isEqualTo(0x83AA7E81_80000000L);
        assertThat(NtpTime.fromInstant(Instant.ofEpochSecond(1, 500_000_000))).isEqualTo(0x83AA7E81_80000000L);
        assertThat(NtpTime.fromEpochMillis(-500)).isEqualTo(0x83AA7E7F_80000000L);
    }

    @Test
    void era1StartsIn2036() {
        // RFC 4330 section 3: seconds 0 with the top bit clear is 2036-02-07T06:28:16Z
        assertThat(NtpTime.toInstant(0)).isEqualTo(Instant.parse("2036-02-07T06:28:16Z"));
        assertThat(NtpTime.fromInstant(Instant.parse("2036-02-07T06:28:16Z"))).isEqualTo(0);
        assertThat(NtpTime.toInstant(0x83AA7E80_00000000L)).isEqualTo(Instant.EPOCH);
        assertThat(NtpTime.toEpochNanos(0x83AA7E81_80000000L)).isEqualTo(1_500_000_000L);
    }

    @Test
    void conversionsBetweenNtpAndNanosLoseLessThanOneNanosecond() {
        Gen.forAll(21, g -> {
            long ntp = g.longIn(0x8000_0000_0000_0000L, 0xFFFF_FFFF_FFFF_FFFFL); // era 0, 1968-2036
            long back = NtpTime.fromEpochNanos(NtpTime.toEpochNanos(ntp));
            // one nanosecond is 4.29 units of 2^-32 s, and both directions truncate: at most 5 units
            assertThat(ntp - back).isBetween(0L, 5L);
            long nanos = g.longIn(-61_505_152_000_000_000L, 4_000_000_000_000_000_000L); // 1968-2096, RFC 4330 eras
            assertThat(nanos - NtpTime.toEpochNanos(NtpTime.fromEpochNanos(nanos))).isBetween(0L, 1L);
        });
    }

    @Test
    void middle32AndCompactDurations() {
        // 46864.5 s as a 64-bit timestamp gives the compact A of the RFC example
        assertThat(NtpTime.middle32(0x0000B710_80000000L)).isEqualTo(0xB7108000L);
        assertThat(NtpTime.middle32(0xDA3D5D2C_8000FFFFL)).isEqualTo(0x5D2C8000L);
        assertThat(NtpTime.nanosToCompact(5_250_000_000L)).isEqualTo(0x00054000L);
        assertThat(NtpTime.nanosToCompact(-1)).isZero();
        assertThat(NtpTime.nanosToCompact(70_000_000_000_000L)).isEqualTo(0xFFFF_FFFFL);
        assertThat(NtpTime.compactToNanos(0x00062000L)).isEqualTo(6_125_000_000L);
    }
}
