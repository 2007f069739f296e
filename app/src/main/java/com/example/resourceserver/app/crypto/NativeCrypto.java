package com.example.resourceserver.app.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the Amazon Corretto Crypto Provider (AWS-LC, native) first among the JVM's security providers, so that
 * every {@code Signature.getInstance} without a named provider, which is how Nimbus verifies tokens and DPoP
 * proofs, gets its implementation. The reason is ES256: the JDK's elliptic-curve verification costs about
 * 1.7 ms of CPU on JDK 17 and 0.9 ms on JDK 25, AWS-LC's a few tens of microseconds (docs/performance.md),
 * and every DPoP request verifies a fresh proof, which no cache can save.
 *
 * <p>Loading the native library costs 250-300 ms of CPU and its self-test waits longer still (a cold JVM on
 * the busy 2-core machine), so {@code Application.main} installs it on a thread of its own: the first
 * requests do not wait for it, and anything verified before it is in place uses the JDK's providers, which
 * give the same verdicts.
 *
 * <p>Where the native library does not load (another OS or CPU than the linux-x86_64 build shipped in the
 * jar) or fails its self-test, nothing changes: the JDK's providers stay, and the service says so once.
 * {@code APP_NATIVE_CRYPTO=off} (or {@code -Dapp.native-crypto=off}) keeps the JDK's providers on purpose.
 */
public final class NativeCrypto {

    private static final Logger LOG = LoggerFactory.getLogger(NativeCrypto.class);

    private NativeCrypto() {}

    /** {@link #install()} on a daemon thread of its own, started here; the thread is returned to be joined. */
    public static Thread installInBackground() {
        // The JDK's provider list is built lazily under its own locks; building it here first, on the caller's
        // thread, keeps the installing thread from racing the startup thread's first JCA or TLS call into it.
        Security.getProviders();
        Thread thread = new Thread(NativeCrypto::install, "native-crypto-install");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Installs the provider unless switched off or unusable here; returns the provider now first. */
    public static Provider install() {
        if (switchedOff()) {
            LOG.info("Native crypto provider switched off: using the JDK's providers");
            return Security.getProviders()[0];
        }
        Provider provider = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable loading = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        if (loading != null) {
            LOG.info("Native crypto provider not available here ({}): using the JDK's providers", loading.toString());
            return Security.getProviders()[0];
        }
        try {
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy(); // its self-tests passed
        } catch (RuntimeException unhealthy) {
            LOG.warn("Native crypto provider failed its self-test: using the JDK's providers", unhealthy);
            return Security.getProviders()[0];
        }
        if (Security.getProvider(provider.getName()) == null) {
            Security.insertProviderAt(provider, 1);
        }
        return Security.getProviders()[0];
    }

    static boolean switchedOff() {
        String setting = System.getProperty("app.native-crypto", System.getenv("APP_NATIVE_CRYPTO"));
        return setting != null && setting.trim().toLowerCase(Locale.ROOT).equals("off");
    }
}
