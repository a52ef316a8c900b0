package io.voxcore.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;

/**
 * Writes records (such as session statistics) as one JSON object, field by field, through
 * Jackson's streaming generator (jackson-core), which does the quoting, escaping and number
 * text. What is written where stays here, so the shape users parse is fixed by this class:
 * records as objects of their components in declaration order, maps as objects in their
 * iteration order, numbers and booleans as themselves, {@link Optional}s as their content or
 * null, anything else as its {@code toString()}.
 */
final class Json {

    /** Thread-safe once configured, as Jackson documents; generators are made per call. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /**
     * Renders a value on one line.
     *
     * @param value the value
     * @return JSON text
     */
    static String of(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            write(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to a string", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Optional<?>) {
            write(json, ((Optional<?>) value).orElse(null));
        } else if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (value instanceof Number) {
            number(json, (Number) value);
        } else if (value instanceof Record) {
            json.writeStartObject();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                json.writeFieldName(c.getName());
                try {
                    c.getAccessor().setAccessible(true);
                    write(json, c.getAccessor().invoke(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName(), e);
                }
            }
            json.writeEndObject();
        } else if (value instanceof Map<?, ?>) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }

    private static void number(JsonGenerator json, Number n) throws IOException {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            json.writeNumber(n.intValue());
        } else if (n instanceof Long) {
            json.writeNumber(n.longValue());
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                json.writeNull(); // JSON has no NaN or infinity
            } else if (n instanceof Float) {
                json.writeNumber(n.floatValue());
            } else {
                json.writeNumber(d);
            }
        } else {
            json.writeNumber(n.toString()); // BigInteger, BigDecimal, atomic counters: their own digits
        }
    }
}
