package io.textback.production;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/** The build context's {@code .dockerignore}: which paths Docker leaves out of what COPY sees. */
final class DockerIgnore {

    private final List<PathMatcher> excluded;

    private DockerIgnore(List<PathMatcher> excluded) {
        this.excluded = excluded;
    }

    static DockerIgnore read(Path context) throws IOException {
        Path file = context.resolve(".dockerignore");
        if (!Files.exists(file)) {
            return new DockerIgnore(List.of());
        }
        return new DockerIgnore(Files.readAllLines(file).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                // Docker's "**/" also matches no folder at all; Java's glob needs one.
                .flatMap(pattern -> pattern.startsWith("**/")
                        ? java.util.stream.Stream.of(pattern, pattern.substring(3)) : java.util.stream.Stream.of(pattern))
                .map(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern))
                .toList());
    }

    /** True when {@code relative} (to the context) or a folder above it is ignored. */
    boolean ignores(Path relative) {
        for (Path candidate = relative; candidate != null; candidate = candidate.getParent()) {
            Path path = candidate;
            if (excluded.stream().anyMatch(matcher -> matcher.matches(path))) {
                return true;
            }
        }
        return false;
    }
}
