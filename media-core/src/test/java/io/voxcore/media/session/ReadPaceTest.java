package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the I/O thread reads one datagram and when it drains a socket. */
class ReadPaceTest {

    @Test
    void aSocketReadyOncePerPacketIsReadOnceAndAQueueIsDrained() {
        ReadPace pace = new ReadPace();
        assertThat(pace.drain(10)).as("first wake-up, turns apart from any other").isFalse();
        pace.read(1);
        assertThat(pace.drain(25)).as("the next packet, 15 turns later").isFalse();
        pace.read(1);
        assertThat(pace.drain(26)).as("ready again in the very next turn: datagrams were queued").isTrue();
        pace.read(3);
        assertThat(pace.drain(40)).as("the last drain found more than one").isTrue();
        pace.read(1);
        assertThat(pace.drain(60)).as("the queue is gone").isFalse();
        pace.read(0);
        assertThat(pace.drain(61)).as("consecutive turns even after an empty read").isTrue();
    }
}
