package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Repository.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Dockerfile at the repository root, read the way Docker reads it as far as this one uses the
 * syntax: instructions with line continuations, comments inside them, stages, heredoc bodies.
 */
record Dockerfile(List<Instruction> instructions) {

    record Instruction(int stage, String stageName, String keyword, String args, String heredoc) {}

    static final Pattern HEREDOC = Pattern.compile("<<-?(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1");

    static Dockerfile read() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        List<Instruction> instructions = new ArrayList<>();
        int stage = -1;
        String stageName = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            while (line.endsWith("\\")) {
                text.append(line, 0, line.length() - 1).append(' ');
                do {
                    line = lines.get(++n).strip();
                } while (line.startsWith("#"));
            }
            text.append(line);
            String[] parts = text.toString().split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String args = parts.length > 1 ? parts[1].trim() : "";
            String heredoc = null;
            Matcher marker = HEREDOC.matcher(args);
            if (marker.find()) {
                StringBuilder body = new StringBuilder();
                while (!lines.get(++n).equals(marker.group(2))) {
                    body.append(lines.get(n)).append('\n');
                }
                heredoc = body.toString();
            }
            if (keyword.equals("FROM")) {
                stage++;
                String[] from = args.split("\\s+");
                stageName = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
            }
            instructions.add(new Instruction(stage, stageName, keyword, args, heredoc));
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> stage(String name) {
        List<Instruction> stage =
                instructions.stream().filter(i -> name.equals(i.stageName())).toList();
        assertFalse(stage.isEmpty(), "no stage " + name);
        return stage;
    }

    List<Instruction> finalStage() {
        int last = instructions.get(instructions.size() - 1).stage();
        return instructions.stream().filter(i -> i.stage() == last).toList();
    }

    String runtimeBaseImage() {
        return finalStage().get(0).args().split("\\s+")[0];
    }

    List<String> entrypoint() {
        return execForm(single("ENTRYPOINT").args());
    }

    String user() {
        return finalStage().stream()
                .filter(i -> i.keyword().equals("USER"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no USER"))
                .args();
    }

    List<String> healthcheck() {
        String args = single("HEALTHCHECK").args();
        int cmd = args.indexOf("CMD [");
        assertTrue(cmd >= 0, "HEALTHCHECK CMD in exec form: " + args);
        return execForm(args.substring(cmd + 4));
    }

    /**
     * The script of the RUN step that trains the startup cache: in the runtime stage, because only the
     * JVM that wrote a cache can use it.
     */
    String training() {
        return finalStage().stream()
                .map(Instruction::heredoc)
                .filter(h -> h != null && h.contains("kill -TERM"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no training run in the runtime stage"));
    }

    /** Where a COPY of the runtime stage puts this source (from the build context or a stage). */
    String destinationOf(String source) {
        return finalStage().stream()
                .filter(i -> i.keyword().equals("COPY"))
                .map(i -> Stream.of(i.args().split("\\s+"))
                        .filter(w -> !w.startsWith("--"))
                        .toList())
                .filter(words -> words.size() == 2 && words.get(0).equals(source))
                .map(words -> words.get(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the runtime stage copies no " + source));
    }

    private Instruction single(String keyword) {
        List<Instruction> found =
                finalStage().stream().filter(i -> i.keyword().equals(keyword)).toList();
        assertEquals(1, found.size(), "one " + keyword + " in the runtime stage");
        return found.get(0);
    }

    /** Exec form is a JSON array of strings; YAML's double-quoted strings have the same escapes. */
    @SuppressWarnings("unchecked")
    static List<String> execForm(String json) {
        assertTrue(json.startsWith("[") && json.endsWith("]"), "exec form: " + json);
        return (List<String>) YamlTree.loader().load(json);
    }

    /** The build-context sources of these instructions' COPY steps. */
    static List<String> copySources(List<Instruction> instructions) {
        List<String> sources = new ArrayList<>();
        for (Instruction i : instructions) {
            if (i.keyword().equals("COPY") && !i.args().contains("--from=")) {
                List<String> words = Stream.of(i.args().split("\\s+"))
                        .filter(w -> !w.startsWith("--"))
                        .toList();
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        return sources;
    }

    /** Docker's rules, as far as .dockerignore uses them: a pattern excludes a path and everything under it. */
    static boolean ignored(List<String> patterns, String path) {
        Path candidate = Path.of(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        for (String pattern : patterns) {
            String glob = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
            List<PathMatcher> matchers =
                    new ArrayList<>(List.of(FileSystems.getDefault().getPathMatcher("glob:" + glob)));
            if (glob.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
            }
            for (Path p = candidate; p != null; p = p.getParent()) {
                for (PathMatcher matcher : matchers) {
                    if (matcher.matches(p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static int indexOf(List<Instruction> instructions, Predicate<Instruction> test) {
        for (int i = 0; i < instructions.size(); i++) {
            if (test.test(instructions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(List<Instruction> instructions, Predicate<Instruction> test) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (test.test(instructions.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
