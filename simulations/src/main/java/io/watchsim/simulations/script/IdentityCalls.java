package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.policies.Capability;
import io.watchsim.policies.selinux.SecurityContext;
import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.selinux.TeClass;
import io.watchsim.policies.selinux.TePolicy;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.policies.smack.SmackWrites;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;

import java.nio.charset.StandardCharsets;

/**
 * The script ops that change who the process is and what its LSM allows it: setuid(2), setgid(2),
 * {@code capdrop}; on a kernel booted with Smack (the default), a write of the process's label to
 * /proc/self/attr/current and a write of a rule to smackfs load2; on one booted with the
 * SELinux-style engine ({@code lsm selinux}), a write of the process's context and an allow rule
 * loaded into the policy. The kernel's policy takes each change in at once. Single-threaded, owned
 * by the script runner.
 */
final class IdentityCalls {
    /** The context the script's process starts with on a kernel booted with SELinux. */
    static final String SELINUX_BOOT_CONTEXT = "unconfined_u:unconfined_r:unconfined_t:s0";

    private final Kernel kernel;
    private final ScriptProcess process;
    private SmackModule smack = SmackModule.of(SmackRules.empty());
    private SelinuxModule selinux;

    IdentityCalls(Kernel kernel, ScriptProcess process) {
        this.kernel = kernel;
        this.process = process;
    }

    /** The kernel's policy becomes Smack with no rules loaded, as at boot. */
    void bootSmack() {
        kernel.await(kernel.reloadPolicy(smack));
    }

    /**
     * The kernel's policy becomes the SELinux-style engine in {@code mode} with no rule loaded, and
     * the process runs in {@value #SELINUX_BOOT_CONTEXT}: a kernel booted with SELinux.
     */
    void bootSelinux(SelinuxModule.Mode mode) {
        selinux = SelinuxModule.of(TePolicy.empty(), mode);
        process.setLabel(SELINUX_BOOT_CONTEXT);
        kernel.await(kernel.reloadPolicy(selinux));
    }

    /**
     * {@code teallow SOURCE TARGET CLASS PERM...}: the rule {@code allow SOURCE TARGET:CLASS { PERM... };}
     * joins the policy in force (TARGET {@code self} is SOURCE). Loading policy writes selinuxfs
     * {@code load}, root's and mode 0600, so it needs euid 0 or CAP_DAC_OVERRIDE (EACCES); SELinux's
     * own {@code security load_policy} check is not modelled. The parser has checked the names.
     */
    SysResult teAllow(ScriptLine l) {
        if (process.credentials().uid() != 0 && !process.capable(Capability.CAP_DAC_OVERRIDE)) {
            return SysResult.fail(Errno.EACCES, "selinuxfs load is root's, mode 0600: writing it needs euid 0 "
                    + "or CAP_DAC_OVERRIDE");
        }
        String source = l.arg(0);
        String target = l.arg(1).equals("self") ? source : l.arg(1);
        String[] perms = l.args().subList(3, l.argCount()).toArray(String[]::new);
        selinux = selinux.withPolicy(selinux.policy().withAllow(source, target, TeClass.require(l.arg(2)), perms));
        kernel.await(kernel.reloadPolicy(selinux));
        return SysResult.ok();
    }

    /**
     * {@code secontext CONTEXT}: one write of CONTEXT to /proc/self/attr/current on a kernel booted
     * with SELinux: EINVAL unless it is a context ({@code user:role:type[:level]}). SELinux's own
     * checks of such a transition ({@code process setcurrent}, {@code dyntransition}) are not
     * modelled: the process takes any well-formed context.
     */
    SysResult seContext(ScriptLine l) {
        if (SecurityContext.tryParse(l.arg(0)).isEmpty()) {
            return SysResult.fail(Errno.EINVAL, "'" + l.arg(0) + "' is no security context; expected "
                    + "user:role:type[:level]");
        }
        process.setLabel(l.arg(0));
        return SysResult.ok();
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
