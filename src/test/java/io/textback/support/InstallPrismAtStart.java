package io.textback.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Begins installing Prism from npm as the tests begin (registered in META-INF/services), so that the
 * contract test does not wait for npm in the middle of the run. Where Prism cannot run, nothing is
 * installed and the contract test says why.
 */
public class InstallPrismAtStart implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Prism.unavailableBecause() == null) {
            Prism.install();
        }
    }
}
