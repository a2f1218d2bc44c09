package dev.framelift.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step-by-step view into parsed YAML: {@code Tree.of(doc).get("spec").get("template")}. A
 * missing step gives an absent tree whose {@link #string()} and friends fail with the path that
 * was missing, so a test reads like the manifest and fails saying where.
 */
final class Tree {
    private final Object value;
    private final String path;

    private Tree(Object value, String path) {
        this.value = value;
        this.path = path;
    }

    static Tree of(Object value) {
        return new Tree(value, "");
    }

    Tree get(String key) {
        Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
        return new Tree(child, path + "." + key);
    }

    Tree at(int index) {
        Object child = value instanceof List<?> list && index < list.size() ? list.get(index) : null;
        return new Tree(child, path + "[" + index + "]");
    }

    boolean exists() {
        return value != null;
    }

    String string() {
        return String.valueOf(require());
    }

    Optional<String> optionalString() {
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    int integer() {
        Object v = require();
        return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString());
    }

    long longValue() {
        Object v = require();
        return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
        Object v = require();
        if (!(v instanceof Map)) {
            throw new AssertionError(path + " is not a mapping: " + v);
        }
        return (Map<String, Object>) v;
    }

    List<Tree> list() {
        Object v = require();
        if (!(v instanceof List<?> items)) {
            throw new AssertionError(path + " is not a list: " + v);
        }
        return java.util.stream.IntStream.range(0, items.size()).mapToObj(this::at).toList();
    }

    /** A list of scalars, e.g. a container's args. */
    List<String> strings() {
        return list().stream().map(Tree::string).toList();
    }

    /** The first element of a list whose {@code name} is {@code name} (containers, ports, volumes). */
    Tree named(String name) {
        return list().stream().filter(t -> name.equals(t.get("name").optionalString().orElse(null))).findFirst()
                .orElseThrow(() -> new AssertionError(path + " has no entry named " + name));
    }

    private Object require() {
        if (value == null) {
            throw new AssertionError("missing " + (path.isEmpty() ? "document" : path.substring(1)));
        }
        return value;
    }

    @Override
    public String toString() {
        return path + "=" + value;
    }
}
