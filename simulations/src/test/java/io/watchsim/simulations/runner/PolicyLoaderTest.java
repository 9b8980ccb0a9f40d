package io.watchsim.simulations.runner;

import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicyFiles;
import io.watchsim.policies.PolicySyntaxException;
import io.watchsim.policies.SecurityModule;
import io.watchsim.policies.StackedModule;
import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.selinux.TeClass;
import io.watchsim.policies.smack.SmackAccess;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.Policy;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.watchsim.simulations.scenario.Policy.Engine.SELINUX;
import static io.watchsim.simulations.scenario.Policy.Engine.SMACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A scenario's policy becomes one module per engine, stacked in the engines' order: the shipped
 * policy scenario's rule files load as {@code watchsim policy} loads them, several files of one
 * engine merge as one LSM's rules do, and a file of an engine the policy does not name is refused.
 */
class PolicyLoaderTest {
    private static final Path POLICIES = Path.of("").toAbsolutePath().getParent().resolve("scenarios/policies");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void everyPolicyOfTheShippedScenariosLoadsTheirsAtTheStartAndTheirSwapsAlike() throws IOException {
        List<Policy> policies = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(POLICIES.getParent())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
                Scenario s = ScenarioLoader.load(f);
                policies.add(s.policy());
                s.faults().faults().stream().map(Fault::action).filter(a -> a instanceof FaultAction.SwapPolicy)
                        .forEach(a -> policies.add(((FaultAction.SwapPolicy) a).policy()));
            }
        }
        assertThat(policies).as("the policy scenario's stack and the faults scenario's swap among them")
                .anyMatch(p -> p.engines().size() == 2).anyMatch(p -> p.rules().stream().anyMatch(r -> r.endsWith("lab.smack")));
        for (Policy p : policies) {
            assertThat(PolicyLoader.load(p).name()).as("%s", p).isEqualTo(p.engineName());
        }
    }

    @Test
    void permissiveIsThePermissiveModule() {
        assertThat(PolicyLoader.load(Policy.PERMISSIVE)).isSameAs(PermissiveModule.INSTANCE);
    }

    @Test
    void theShippedStackLoadsEachFileAsThePolicyCommandDoesInTheEnginesOrder() {
        Path smack = POLICIES.resolve("notify.smack");
        Path te = POLICIES.resolve("notify.te");
        SecurityModule loaded = PolicyLoader.load(Policy.of(List.of(SMACK, SELINUX), smack, te));
        assertThat(loaded).isInstanceOf(StackedModule.class);
        assertThat(((StackedModule) loaded).modules()).containsExactly(
                PolicyFiles.load(smack, SelinuxModule.Mode.EXTENDED), PolicyFiles.load(te, SelinuxModule.Mode.EXTENDED));
    }

    @Test
    void theEnginesOrderDecidesTheStackNotTheOrderOfTheFiles() {
        Path smack = POLICIES.resolve("notify.smack");
        Path te = POLICIES.resolve("notify.te");
        SecurityModule loaded = PolicyLoader.load(Policy.of(List.of(SELINUX, SMACK), smack, te));
        assertThat(((StackedModule) loaded).modules()).extracting(SecurityModule::name).containsExactly(
                PolicyFiles.load(te, SelinuxModule.Mode.EXTENDED).name(), PolicyFiles.load(smack, SelinuxModule.Mode.EXTENDED).name());
    }

    @Test
    void oneEngineAloneIsItsModuleWithTheSelinuxModeGiven() {
        Path te = POLICIES.resolve("notify.te");
        SecurityModule loaded = PolicyLoader.load(Policy.of(List.of(SELINUX), te).withSelinuxMode(SelinuxModule.Mode.STRICT));
        assertThat(loaded).isEqualTo(PolicyFiles.load(te, SelinuxModule.Mode.STRICT));
        assertThat(((SelinuxModule) loaded).mode()).isEqualTo(SelinuxModule.Mode.STRICT);
    }

    @Test
    void smackFilesMergeInOrderAndALaterRuleForAPairReplacesTheEarlierOne() throws IOException {
        Path first = write("a.smack", "Gen Watcher r\nOld Watcher w\n");
        Path second = write("b.smack", "Gen Watcher w\nNew Watcher w\n");
        SecurityModule loaded = PolicyLoader.load(Policy.of(List.of(SMACK), first, second));
        assertThat(loaded).isInstanceOf(SmackModule.class);
        SmackModule smack = (SmackModule) loaded;
        assertThat(smack.rules().access("Gen", "Watcher")).as("load2: the second file's rule replaces the first's")
                .isEqualTo(SmackAccess.WRITE);
        assertThat(smack.rules().access("Old", "Watcher")).isEqualTo(SmackAccess.WRITE);
        assertThat(smack.rules().access("New", "Watcher")).isEqualTo(SmackAccess.WRITE);
        assertThat(smack.rules().size()).isEqualTo(3);
    }

    @Test
    void typeEnforcementFilesUnite() throws IOException {
        Path first = write("a.te", "type a_t;\ntype b_t;\nallow a_t b_t:key { view };\n");
        Path second = write("b.te", "type a_t;\ntype b_t;\ntype c_t;\nallow a_t b_t:key { read };\nallow c_t a_t:notification post;\n");
        SecurityModule loaded = PolicyLoader.load(Policy.of(List.of(SELINUX), first, second));
        SelinuxModule se = (SelinuxModule) loaded;
        assertThat(se.policy().allows("a_t", "b_t", TeClass.require("key"), TeClass.require("key").requireBit("view")
                | TeClass.require("key").requireBit("read"))).isTrue();
        assertThat(se.policy().allows("c_t", "a_t", "notification", "post")).isTrue();
        assertThat(se.policy().declaredTypes()).containsExactlyInAnyOrder("a_t", "b_t", "c_t");
    }

    @Test
    void aRuleFileOfAnEngineThePolicyDoesNotNameIsRefusedWithItsName() {
        Path te = POLICIES.resolve("notify.te");
        assertThatThrownBy(() -> PolicyLoader.load(Policy.of(List.of(SMACK), te)))
                .isInstanceOf(PolicySyntaxException.class)
                .hasMessageContaining(te.toString()).hasMessageContaining("selinux rule file")
                .hasMessageContaining("engines are smack");
    }

    @Test
    void aFileThatDoesNotParseIsRefusedWithItsLine() throws IOException {
        Path bad = write("bad.smack", "Gen Watcher r\nGen\n");
        assertThatThrownBy(() -> PolicyLoader.load(Policy.of(List.of(SMACK), bad)))
                .isInstanceOf(PolicySyntaxException.class).hasMessageContaining(bad + ":2");
    }
}
