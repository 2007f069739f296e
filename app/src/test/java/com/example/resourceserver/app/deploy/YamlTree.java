package com.example.resourceserver.app.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Loading YAML (safely: plain maps, lists and scalars) and walking what it gives. */
final class YamlTree {

    private YamlTree() {}

    static Yaml loader() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static Object get(Map<?, ?> root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static String str(Map<?, ?> root, String... path) {
        Object value = get(root, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<?, ?> root, String... path) {
        Object value = get(root, path);
        assertTrue(value instanceof Map, String.join(".", path) + " is an object");
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<?, ?> root, String... path) {
        Object value = get(root, path);
        assertTrue(value instanceof List, String.join(".", path) + " is a list");
        return (List<Object>) value;
    }
}
