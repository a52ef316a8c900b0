package io.voxcore.media.sdp;

import java.util.Objects;

/**
 * One SDP attribute line ({@code a=}, RFC 8866 5.13): a property ({@code a=rtcp-mux}, no value)
 * or a value attribute ({@code a=rtpmap:0 PCMU/8000}). Every attribute, known or not, is kept
 * in its description in the order read and written back unchanged; the typed views of
 * {@link MediaDescription} read the known ones.
 *
 * @param name the attribute name, for example {@code rtpmap}
 * @param value the value after the first colon, or null for a property attribute
 */
public record Attribute(String name, String value) {

    /**
     * Creates the record.
     *
     * @param name the name: not empty, no colon, space or line break
     * @param value the value, null for a property; no line break, no trailing white space
     * @throws IllegalArgumentException for a name or value that would not parse back the same
     */
    public Attribute {
        Tokens.require(name, "attribute name");
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("attribute name must not hold ':', got \"" + name + "\"");
        }
        if (value != null) {
            Tokens.requireNoTrailingSpace(value, "value of attribute " + name);
        }
    }

    /**
     * A property attribute, such as {@code rtcp-mux} or {@code sendrecv}.
     *
     * @param name the name
     * @return the attribute
     */
    public static Attribute property(String name) {
        return new Attribute(name, null);
    }

    /**
     * A value attribute.
     *
     * @param name the name
     * @param value the value
     * @return the attribute
     */
    public static Attribute of(String name, String value) {
        return new Attribute(name, Objects.requireNonNull(value, "value"));
    }

    /**
     * Whether this attribute has the given name, ignoring case (devices differ in case).
     *
     * @param other the name to compare with
     * @return true when the names are equal ignoring case
     */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /**
     * The text as written after {@code a=}.
     *
     * @return {@code name} or {@code name:value}
     */
    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
