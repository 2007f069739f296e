/**
 * Deliberate architecture violations, test-only. {@code ArchitectureTest} runs its rules against these
 * packages (as if {@code archfixture.domain} were the domain, and so on) to prove every rule can fail.
 * Classes named {@code Allowed*} do only what their layer may do and must never be reported.
 * No bean annotations here: the Micronaut processor must not turn fixtures into beans of the app tests.
 * The one exception, the settings types in {@code auth.config}, are only beans under {@code @Requires}
 * on a property nothing sets.
 */
package com.example.resourceserver.archfixture;
