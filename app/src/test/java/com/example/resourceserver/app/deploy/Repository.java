package com.example.resourceserver.app.deploy;

import java.nio.file.Path;

/** Where the deployment artifacts are. Surefire and failsafe run with app/ as working directory. */
final class Repository {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("docs/deploy");

    private Repository() {}
}
