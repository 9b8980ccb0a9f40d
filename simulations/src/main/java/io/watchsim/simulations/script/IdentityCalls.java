package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.policies.Capability;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.policies.smack.SmackWrites;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;

import java.nio.charset.StandardCharsets;

/**
 * The script ops that change who the process is and what Smack allows it: setuid(2), setgid(2),
 * {@code capdrop}, a write of the process's label to /proc/self/attr/current, and a write of a
 * rule to smackfs load2, which the kernel's policy takes in at once. The kernel runs a Smack
 * module throughout, as a kernel booted with Smack does. Single-threaded, owned by the script
 * runner.
 */
final class IdentityCalls {
    private final Kernel kernel;
    private final ScriptProcess process;
    private SmackModule smack = SmackModule.of(SmackRules.empty());

    IdentityCalls(Kernel kernel, ScriptProcess process) {
        this.kernel = kernel;
        this.process = process;
    }

    /** The kernel's policy becomes Smack with no rules loaded, as at boot. */
    void bootSmack() {
        kernel.await(kernel.reloadPolicy(smack));
    }

    /** {@code setuid UID}. */
    SysResult setuid(ScriptLine l) {
        return process.setuid(l.number(0));
    }

    /** {@code setgid GID}. */
    SysResult setgid(ScriptLine l) {
        return process.setgid(l.number(0));
    }

    /** {@code capdrop CAP}: the capability leaves every set; the parser has checked its name. */
    SysResult capDrop(ScriptLine l) {
        process.drop(Capability.parse(l.arg(0)).orElseThrow());
        return SysResult.ok();
    }

    /**
     * {@code smacklabel LABEL}: one write of LABEL to /proc/self/attr/current
     * ({@link SmackWrites#setProcAttr}); a whole write prints {@code = 0}.
     */
    SysResult smackLabel(ScriptLine l) {
        SmackWrites.LabelWrite w = SmackWrites.setProcAttr(l.arg(0).getBytes(StandardCharsets.UTF_8),
                process.capable(Capability.CAP_MAC_ADMIN));
        if (!w.isOk()) {
            return SysResult.fail(w.errno(), w.detail());
        }
        process.setLabel(w.label());
        return SysResult.ok();
    }

    /**
     * {@code smackrule SUBJECT OBJECT ACCESS}: one write of that line to smackfs load2. The file
     * is root's, mode 0644, so opening it for writing needs euid 0 or CAP_DAC_OVERRIDE (EACCES);
     * the write then goes as {@link SmackWrites#load2} says. Every rule it loaded is in force for
     * every later op, even when a later rule of the same write failed. A whole write prints
     * {@code = 0}.
     */
    SysResult smackRule(ScriptLine l) {
        if (process.credentials().uid() != 0 && !process.capable(Capability.CAP_DAC_OVERRIDE)) {
            return SysResult.fail(Errno.EACCES, "smackfs load2 is root's, mode 0644: writing it needs euid 0 "
                    + "or CAP_DAC_OVERRIDE");
        }
        String line = l.arg(0) + " " + l.arg(1) + " " + l.arg(2);
        SmackWrites.RulesWrite w = SmackWrites.load2(line.getBytes(StandardCharsets.UTF_8),
                process.capable(Capability.CAP_MAC_ADMIN));
        if (!w.loaded().isEmpty()) {
            SmackRules rules = smack.rules();
            for (SmackRule rule : w.loaded()) {
                rules = rules.with(rule);
            }
            smack = smack.withRules(rules);
            kernel.await(kernel.reloadPolicy(smack));
        }
        return w.isOk() ? SysResult.ok() : SysResult.fail(w.errno(), w.detail());
    }
}
