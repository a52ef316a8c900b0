package io.voxcore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsNestedValuesInFileOrder() {
        Object v = JsonReader.parse(" {\"b\": [1, -2.5e-3, true, false, null], \"a\": {\"s\": \"x\\\"y\\\\z\\n\\u00b5\"},"
                + " \"n\": NaN, \"e\": [], \"o\": {}} ");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("b", "a", "n", "e", "o"));
        assertThat((List<?>) m.get("b")).isEqualTo(java.util.Arrays.asList(1.0, -0.0025, true, false, null));
        assertThat(((Map<?, ?>) m.get("a")).get("s")).isEqualTo("x\"y\\z\n\u00b5");
        assertThat((Double) m.get("n")).isNaN();
        assertThat((List<?>) m.get("e")).isEmpty();
        assertThat((Map<?, ?>) m.get("o")).isEmpty();
    }

    @Test
    void rejectsMalformedTextWithTheOffset() {
        assertThatThrownBy(() -> JsonReader.parse("[1, 2")).hasMessageContaining("offset 5");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\" 1}")).hasMessageContaining("expected ':'");
        assertThatThrownBy(() -> JsonReader.parse("[1] x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> JsonReader.parse("\"abc")).hasMessageContaining("unterminated");
    }
}
