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
 * syntax: instructions with line continuations, comments inside them, stages (the ARGs before the first
 * FROM are stage -1), heredoc bodies.
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

    /** The runtime stage's base image, a build argument's default where FROM names one. */
    String runtimeBaseImage() {
        return resolved(finalStage().get(0).args().split("\\s+")[0]);
    }

    /** {@code ${NAME}} replaced by the default of the ARG before the first FROM that declares it. */
    String resolved(String text) {
        Matcher reference = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(text);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            String value = instructions.stream()
                    .filter(i -> i.stage() == -1
                            && i.keyword().equals("ARG")
                            && i.args().startsWith(name + "="))
                    .map(i -> i.args().substring(name.length() + 1))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no global ARG " + name + " with a default"));
            reference.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return reference.appendTail(result).toString();
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
     * JVM that wrote a cache can use it. It is a file of the build context, bound into that one step.
     */
    String training() throws IOException {
        Instruction run = trainingRun();
        Matcher mount = BIND_MOUNT.matcher(run.args());
        assertTrue(mount.find(), run.toString());
        return Files.readString(ROOT.resolve(mount.group(1)));
    }

    /** The RUN step of the runtime stage that runs the bound-in training script with bash. */
    Instruction trainingRun() {
        return finalStage().stream()
                .filter(i -> i.keyword().equals("RUN")
                        && BIND_MOUNT.matcher(i.args()).find())
                .filter(i -> {
                    Matcher mount = BIND_MOUNT.matcher(i.args());
                    return mount.find() && i.args().endsWith("bash " + mount.group(2));
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no training run in the runtime stage"));
    }

    static final Pattern BIND_MOUNT = Pattern.compile("--mount=type=bind,source=([^,\\s]+),target=([^,\\s]+)");

    /** The build-context files bound into RUN steps. */
    List<String> mountSources() {
        List<String> sources = new ArrayList<>();
        for (Instruction i : instructions) {
            Matcher mount = BIND_MOUNT.matcher(i.args());
            while (i.keyword().equals("RUN") && mount.find()) {
                sources.add(mount.group(1));
            }
        }
        return sources;
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
