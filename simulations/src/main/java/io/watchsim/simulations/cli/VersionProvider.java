package io.watchsim.simulations.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"watchsim " + (v == null ? "development build" : v),
                "simulates: pipe: Keyrings, mount and superblock notifications [ver #5]"};
    }
}
