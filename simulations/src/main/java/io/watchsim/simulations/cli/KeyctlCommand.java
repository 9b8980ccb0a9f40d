package io.watchsim.simulations.cli;

import io.watchsim.simulations.keyctl.KeyctlRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code watchsim keyctl ARGS...}: keyutils' keyctl against a simulated kernel. */
@Command(name = "keyctl", mixinStandardHelpOptions = true,
        description = {"Runs keyutils' keyctl command line against a simulated kernel and prints what keyctl prints "
                + "(add, padd, newring, request, request2, update, link, unlink, move, revoke, clear, invalidate, "
                + "setperm, chown, chgrp, timeout, restrict_keyring, describe, rdescribe, print, read, list, rlist, "
                + "show, id, security, new_session, watch [-f FILTER]), parsed as keyutils parses them (numbers as "
                + "strtoul() reads them: -3 is the session keyring); its errors go to stderr with keyctl's exit codes.",
                "A simulated kernel lives as long as the command; --script runs a file of keyctl lines in one kernel "
                        + "('#' comments, a trailing '&' runs a watch in the background, 'sleep SECONDS' lets "
                        + "simulated time pass), then lets the clock run until nothing is pending.",
                "Examples: watchsim keyctl add user mykey value @s",
                "          watchsim keyctl --script scenarios/keyctl-watch.keyctl"})
final class KeyctlCommand implements Callable<Integer> {
    @Option(names = "--script", paramLabel = "FILE", description = "a file of keyctl command lines")
    Path script;

    @Option(names = "--seed", defaultValue = "1", description = "decides the key serial numbers (default ${DEFAULT-VALUE})")
    long seed;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "a keyctl command line, e.g. add user k v @s")
    List<String> args;

    @Override
    public Integer call() {
        if (script != null) {
            if (args != null && !args.isEmpty()) {
                throw new UserInputException("give either --script FILE or a command line, not both (found " + args + ")");
            }
            if (!Files.isRegularFile(script)) {
                throw new UserInputException("keyctl script '" + script + "' does not exist or is not a regular file; "
                        + "expected a file of keyctl command lines");
            }
        } else if (args == null || args.isEmpty()) {
            throw new UserInputException("keyctl needs a command line (e.g. 'keyctl add user k v @s') or --script FILE");
        }
        int[] code = {0};
        KernelRuntime.withKernel(kernel -> {
            try {
                code[0] = script != null ? KeyctlRunner.runScript(kernel, seed, script, System.out)
                        : KeyctlRunner.runCommand(kernel, seed, args, System.out, System.err);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        });
        return code[0];
    }
}
