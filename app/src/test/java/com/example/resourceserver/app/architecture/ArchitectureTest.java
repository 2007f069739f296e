package com.example.resourceserver.app.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.stream.Collectors.toCollection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.Application;
import com.example.resourceserver.archfixture.app.AppUsingNimbus;
import com.example.resourceserver.archfixture.auth.AuthReachingIntoApp;
import com.example.resourceserver.archfixture.auth.AuthReachingIntoWeb;
import com.example.resourceserver.archfixture.auth.AuthUsingStrayLibrary;
import com.example.resourceserver.archfixture.auth.config.ConfigExtendingFrameworkException;
import com.example.resourceserver.archfixture.auth.config.ConfigReachingIntoKeys;
import com.example.resourceserver.archfixture.auth.dpop.DpopReachingIntoIssuer;
import com.example.resourceserver.archfixture.auth.issuer.IssuerReachingIntoPipeline;
import com.example.resourceserver.archfixture.auth.keys.KeysReachingIntoToken;
import com.example.resourceserver.archfixture.auth.scope.ScopeReachingIntoToken;
import com.example.resourceserver.archfixture.auth.scope.ScopeReadingClaims;
import com.example.resourceserver.archfixture.auth.token.TokenAnnotatedByFramework;
import com.example.resourceserver.archfixture.auth.token.TokenReachingIntoGlue;
import com.example.resourceserver.archfixture.domain.DomainAnnotatedByFramework;
import com.example.resourceserver.archfixture.domain.DomainReachingIntoAdapters;
import com.example.resourceserver.archfixture.domain.DomainUsingLibrary;
import com.example.resourceserver.archfixture.web.WebReachingIntoApp;
import com.example.resourceserver.archfixture.web.WebReachingIntoAuth;
import com.example.resourceserver.archfixture.web.WebUsingJwtModule;
import com.example.resourceserver.archfixture.web.WebUsingNimbus;
import com.example.resourceserver.archfixture.web.WebUsingStrayLibrary;
import com.example.resourceserver.archfixture.web.api.ApiUsingErrors;
import com.example.resourceserver.archfixture.web.errors.ErrorsUsingApi;
import com.example.resourceserver.auth.pipeline.RequestAuthenticator;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.web.api.MessageController;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.core.annotation.Generated;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hexagon, executable: domain in the middle, auth and web adapters around it, app wiring them.
 *
 * <p>Every rule is built for a set of package roots, so the same rule runs twice: on the production
 * packages, where it must hold, and on {@code com.example.resourceserver.archfixture}, a test-only
 * copy of the layout with deliberate violations, where it must be broken by exactly the fixture
 * classes it names. A rule that cannot fail there would pass here for the wrong reason.
 */
class ArchitectureTest {

    private static final String ROOT = "com.example.resourceserver";

    static final Layers PRODUCTION = new Layers(ROOT);
    static final Layers FIXTURES = new Layers(ROOT + ".archfixture");

    private static JavaClasses production;
    private static JavaClasses fixtures;

    @BeforeAll
    static void importClasses() {
        // Production classes only: the four layer packages (so never archfixture), no test-classes
        // directories, and no test-jar (auth-adapter's -tests.jar when the reactor isn't building it).
        // Module jars stay in: outside the reactor, that is where domain and the adapters come from.
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(PRODUCTION.packages());
        // The fixtures are test classes by nature, so no DO_NOT_INCLUDE_TESTS here.
        fixtures = new ClassFileImporter().importPackages(FIXTURES.packages());
    }

    /** The four layers under one root; each method gives the ArchUnit package pattern of one layer. */
    record Layers(String root) {

        String domain() {
            return root + ".domain..";
        }

        String auth() {
            return root + ".auth..";
        }

        String web() {
            return root + ".web..";
        }

        String app() {
            return root + ".app..";
        }

        String[] packages() {
            return new String[] {root + ".domain", root + ".auth", root + ".web", root + ".app"};
        }

        /** One layer per Maven module, in the order of the module graph. */
        List<String> modules() {
            return List.of(domain(), auth(), web(), app());
        }

        // Inside the auth adapter: the Micronaut Security glue and the development issuer (both Micronaut
        // beans), the request pipeline, the issuers, what an issuer checks (access-token rules and profiles,
        // DPoP proofs, introspection), the engine they share (keys, the JWS reader, the HTTP fetcher, strict
        // JSON), configuration; the scope policy stands beside them.

        String[] authGlue() {
            return new String[] {root + ".auth.micronaut..", root + ".auth.dev.."};
        }

        String authPipeline() {
            return root + ".auth.pipeline..";
        }

        String authIssuer() {
            return root + ".auth.issuer..";
        }

        String[] authChecks() {
            return new String[] {root + ".auth.token..", root + ".auth.dpop..", root + ".auth.introspection.."};
        }

        String[] authEngine() {
            return new String[] {
                root + ".auth.keys..", root + ".auth.jws..", root + ".auth.http..", root + ".auth.json.."
            };
        }

        String authConfig() {
            return root + ".auth.config..";
        }

        String authScope() {
            return root + ".auth.scope..";
        }
    }

    /**
     * Each rule, with exactly the fixture classes that break it. Some fixtures break several rules
     * (reaching into another layer is also a dependency outside the layer's allowed list).
     *
     * <p>Some rules only restate the Maven module graph, which already refuses to compile the
     * violation (the class is not on the module's compile classpath); they stay for a message that
     * names the design rather than a missing symbol, and because a POM edit is easy to make:
     * DOMAIN_DEPENDS_ONLY_ON_THE_JDK and DOMAIN_DOES_NOT_DEPEND_ON_ADAPTERS_OR_APP (domain has no
     * compile dependency at all), AUTH_DOES_NOT_DEPEND_ON_WEB_OR_APP, WEB_DOES_NOT_DEPEND_ON_AUTH_OR_APP
     * and NOTHING_DEPENDS_ON_APP (no module depends on a sibling adapter or on app), WEB_DOES_NOT_USE_JWT_LIBRARIES
     * (neither Nimbus nor Micronaut's JWT module is on web-adapter's classpath). The others say more
     * than Maven can: which of the libraries a module's classpath holds it may use (transitive
     * dependencies are on it too), Nimbus out of app, which sees it through auth-adapter, and
     * everything inside one module: the auth adapter's layers, where Micronaut may appear, and
     * package cycles (between modules Maven forbids cycles, so that rule looks inside each module).
     */
    enum Rule {
        DOMAIN_DEPENDS_ONLY_ON_THE_JDK(
                DomainAnnotatedByFramework.class, DomainUsingLibrary.class, DomainReachingIntoAdapters.class) {
            @Override
            ArchRule on(Layers layers) {
                // Annotations count as dependencies too, so this also keeps framework annotations out.
                return classes()
                        .that()
                        .resideInAPackage(layers.domain())
                        .should()
                        .onlyDependOnClassesThat()
                        .resideInAnyPackage("java..", layers.domain())
                        .because("the domain is plain Java: no framework, no library, no annotation from either");
            }
        },

        DOMAIN_DOES_NOT_DEPEND_ON_ADAPTERS_OR_APP(DomainReachingIntoAdapters.class) {
            @Override
            ArchRule on(Layers layers) {
                // Implied by the rule above, kept separate for a message that names the real problem.
                return noClasses()
                        .that()
                        .resideInAPackage(layers.domain())
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(layers.auth(), layers.web(), layers.app())
                        .because("dependencies point inwards: adapters know the domain, never the reverse");
            }
        },

        AUTH_DOES_NOT_DEPEND_ON_WEB_OR_APP(AuthReachingIntoWeb.class, AuthReachingIntoApp.class) {
            @Override
            ArchRule on(Layers layers) {
                return noClasses()
                        .that()
                        .resideInAPackage(layers.auth())
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(layers.web(), layers.app())
                        .because("adapters are independent of each other; only the app wires them together");
            }
        },

        AUTH_USES_ONLY_ITS_LIBRARIES(
                AuthUsingStrayLibrary.class, AuthReachingIntoWeb.class, AuthReachingIntoApp.class) {
            @Override
            ArchRule on(Layers layers) {
                return classes()
                        .that()
                        .resideInAPackage(layers.auth())
                        .should()
                        .onlyDependOnClassesThat()
                        .resideInAnyPackage(
                                "java..",
                                layers.domain(),
                                layers.auth(),
                                "io.micronaut..",
                                "com.nimbusds..",
                                "reactor..",
                                "org.reactivestreams..",
                                "org.slf4j..",
                                "jakarta..",
                                "com.github.benmanes.caffeine..",
                                "io.micrometer..",
                                "io.lettuce..",
                                "com.fasterxml.jackson.core..")
                        .because(
                                "the auth adapter is built on Micronaut Security, Nimbus, reactor, Caffeine, Micrometer, "
                                        + "Lettuce (the DPoP replay store in Redis) and jackson-core (strict JSON) only");
            }
        },

        WEB_DOES_NOT_DEPEND_ON_AUTH_OR_APP(WebReachingIntoAuth.class, WebReachingIntoApp.class) {
            @Override
            ArchRule on(Layers layers) {
                return noClasses()
                        .that()
                        .resideInAPackage(layers.web())
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(layers.auth(), layers.app())
                        .because("adapters are independent of each other; only the app wires them together");
            }
        },

        WEB_DOES_NOT_USE_JWT_LIBRARIES(WebUsingNimbus.class, WebUsingJwtModule.class) {
            @Override
            ArchRule on(Layers layers) {
                // io.micronaut.. is allowed below, so Micronaut's JWT module has to be excluded by name.
                return noClasses()
                        .that()
                        .resideInAPackage(layers.web())
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage("com.nimbusds..", "io.micronaut.security.token.jwt..")
                        .because("tokens (JWT, JOSE) are the auth adapter's business; "
                                + "the web adapter sees only an Authentication");
            }
        },

        WEB_USES_ONLY_ITS_LIBRARIES(
                WebUsingStrayLibrary.class, WebUsingNimbus.class, WebReachingIntoAuth.class, WebReachingIntoApp.class) {
            @Override
            ArchRule on(Layers layers) {
                return classes()
                        .that()
                        .resideInAPackage(layers.web())
                        .should()
                        .onlyDependOnClassesThat()
                        .resideInAnyPackage(
                                "java..",
                                layers.domain(),
                                layers.web(),
                                "io.micronaut..",
                                "io.netty..",
                                "com.fasterxml.jackson.annotation..",
                                "jakarta..",
                                "io.micrometer..",
                                "io.opentelemetry..",
                                "io.swagger.v3.oas.annotations..",
                                "org.slf4j..")
                        .because("the web adapter is built on Micronaut HTTP and security core, Netty, Jackson "
                                + "and OpenAPI annotations, Micrometer, OpenTelemetry (server spans) and SLF4J only");
            }
        },

        NOTHING_DEPENDS_ON_APP(DomainReachingIntoAdapters.class, AuthReachingIntoApp.class, WebReachingIntoApp.class) {
            @Override
            ArchRule on(Layers layers) {
                return noClasses()
                        .that()
                        .resideOutsideOfPackage(layers.app())
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(layers.app())
                        .because("the app is the outermost ring: it sees everything, nothing sees it");
            }
        },

        ONLY_AUTH_USES_NIMBUS(WebUsingNimbus.class, AppUsingNimbus.class) {
            @Override
            ArchRule on(Layers layers) {
                return noClasses()
                        .that()
                        .resideOutsideOfPackage(layers.auth())
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("com.nimbusds..")
                        .because("Nimbus is an implementation detail of the auth adapter, not even the app's");
            }
        },

        AUTH_LAYERS_POINT_FROM_GLUE_TO_PIPELINE_TO_ISSUERS_TO_CHECKS_TO_ENGINE_TO_CONFIG(
                ConfigReachingIntoKeys.class,
                KeysReachingIntoToken.class,
                TokenReachingIntoGlue.class,
                ScopeReachingIntoToken.class,
                IssuerReachingIntoPipeline.class,
                DpopReachingIntoIssuer.class) {
            @Override
            ArchRule on(Layers layers) {
                // Only dependencies between these layers count: the app wiring the glue is not this rule's business.
                return layeredArchitecture()
                        .consideringOnlyDependenciesInLayers()
                        .layer("glue")
                        .definedBy(layers.authGlue())
                        .layer("pipeline")
                        .definedBy(layers.authPipeline())
                        .layer("issuer")
                        .definedBy(layers.authIssuer())
                        .layer("checks")
                        .definedBy(layers.authChecks())
                        .layer("engine")
                        .definedBy(layers.authEngine())
                        .layer("config")
                        .definedBy(layers.authConfig())
                        .layer("scope")
                        .definedBy(layers.authScope())
                        .whereLayer("glue")
                        .mayNotBeAccessedByAnyLayer()
                        .whereLayer("pipeline")
                        .mayOnlyBeAccessedByLayers("glue")
                        .whereLayer("issuer")
                        .mayOnlyBeAccessedByLayers("glue", "pipeline")
                        .whereLayer("checks")
                        .mayOnlyBeAccessedByLayers("glue", "pipeline", "issuer")
                        .whereLayer("engine")
                        .mayOnlyBeAccessedByLayers("glue", "pipeline", "issuer", "checks")
                        .whereLayer("config")
                        .mayOnlyBeAccessedByLayers("glue", "pipeline", "issuer", "checks", "engine")
                        .whereLayer("scope")
                        .mayOnlyBeAccessedByLayers("glue")
                        .because("inside the auth adapter, the glue drives the pipeline, which finds the issuer, which "
                                + "runs the checks on the shared engine, all built from configuration, and never the "
                                + "other way round");
            }
        },

        AUTH_USES_MICRONAUT_ONLY_IN_GLUE_AND_SETTINGS(
                TokenAnnotatedByFramework.class, ConfigExtendingFrameworkException.class) {
            @Override
            ArchRule on(Layers layers) {
                // Micronaut's generated bean definitions sit next to every bean, in every package; they are
                // the framework's code, not ours. jakarta.inject (@Singleton) is not Micronaut.
                return noClasses()
                        .that()
                        .resideInAPackage(layers.auth())
                        .and()
                        .resideOutsideOfPackages(layers.authGlue())
                        .and()
                        .areNotAnnotatedWith(ConfigurationProperties.class)
                        .and()
                        .areNotAnnotatedWith(EachProperty.class)
                        .and()
                        .areNotAnnotatedWith(Generated.class)
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("io.micronaut..")
                        .because("only the glue and the settings types Micronaut binds know the framework; "
                                + "tokens, keys and configuration logic are tested without a context");
            }
        },

        AUTH_SCOPE_POLICY_KNOWS_ONLY_THE_DOMAIN(ScopeReachingIntoToken.class, ScopeReadingClaims.class) {
            @Override
            ArchRule on(Layers layers) {
                return classes()
                        .that()
                        .resideInAPackage(layers.authScope())
                        .and()
                        .areNotAnnotatedWith(Generated.class)
                        .should()
                        .onlyDependOnClassesThat()
                        .resideInAnyPackage("java..", layers.domain(), layers.authScope(), "jakarta.inject..")
                        .because("the scope policy implements the domain's port on the domain's caller, "
                                + "not on tokens");
            }
        },

        NO_PACKAGE_CYCLES_WITHIN_A_MODULE(ApiUsingErrors.class, ErrorsUsingApi.class) {
            @Override
            ArchRule on(Layers layers) {
                // One slice per package ("(web..)" captures the whole package name), one module at a time:
                // between modules Maven already forbids cycles, and in the fixtures, whose layers reach into
                // each other on purpose, a cross-module cycle would drown the one this rule is about.
                List<ArchRule> perModule = layers.modules().stream()
                        .map(module -> (ArchRule) slices().matching("(" + module + ")")
                                .namingSlices("package $1")
                                .should()
                                .beFreeOfCycles())
                        .toList();
                return CompositeArchRule.of(perModule)
                        .because("packages of one module form a hierarchy one can read top-down; "
                                + "two packages that need each other are one package");
            }
        };

        private final Set<String> breakingFixtures;

        Rule(Class<?>... breakingFixtures) {
            this.breakingFixtures =
                    Arrays.stream(breakingFixtures).map(Class::getName).collect(toCollection(TreeSet::new));
        }

        abstract ArchRule on(Layers layers);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void productionCodeFollowsTheRule(Rule rule) {
        rule.on(PRODUCTION).check(production);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void ruleIsBrokenByExactlyItsFixtures(Rule rule) {
        EvaluationResult result = rule.on(FIXTURES).evaluate(fixtures);

        assertTrue(result.hasViolation(), () -> rule + " found nothing wrong in the fixtures");
        // Exact match: every named fixture is caught (the rule can fail), and nothing else is,
        // in particular none of the Allowed* classes (the rule does not forbid what the layer may do).
        Set<String> offenders = new TreeSet<>();
        result.handleViolations((Collection<Dependency> dependencies, String message) -> dependencies.forEach(
                dependency -> offenders.add(dependency.getOriginClass().getName())));
        assertEquals(rule.breakingFixtures, offenders, () -> rule + " reported:\n" + result.getFailureReport());
    }

    @Test
    void productionImportCoversEveryLayerAndNothingElse() {
        // Guards against vacuous passes: a rule over an empty layer proves nothing.
        for (String layer : PRODUCTION.packages()) {
            assertFalse(production.that(resideInAPackage(layer + "..")).isEmpty(), () -> "no classes in " + layer);
        }
        assertTrue(production.contain(Caller.class), "domain");
        assertTrue(production.contain(RequestAuthenticator.class), "auth adapter");
        assertTrue(production.contain(MessageController.class), "web adapter");
        assertTrue(production.contain(Application.class), "app");

        // And no test code: not the fixtures, not this class, not auth-adapter's test helpers.
        assertTrue(
                production.stream().noneMatch(c -> c.getPackageName().startsWith(ROOT + ".archfixture")),
                "fixtures leaked into the production import");
        assertFalse(production.contain(ArchitectureTest.class), "app test classes in the production import");
        assertFalse(production.contain(ROOT + ".auth.testing.TestKeys"), "auth-adapter test classes in the import");
    }

    @Test
    void fixtureImportCoversEveryLayer() {
        for (String layer : FIXTURES.packages()) {
            assertFalse(fixtures.that(resideInAPackage(layer + "..")).isEmpty(), () -> "no fixtures in " + layer);
        }
    }
}
