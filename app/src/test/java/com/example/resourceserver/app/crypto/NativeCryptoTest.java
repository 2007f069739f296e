package com.example.resourceserver.app.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TestKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ES256 through whatever provider {@link NativeCrypto#install()} leaves first (the native one where it loads,
 * as in production, where {@code Application.main} installs it): valid signatures are accepted, tampered
 * ones refused, by the JCA call Nimbus makes and by the whole service.
 */
class NativeCryptoTest {

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey(TestKeys.ec("ec-native"));

    private static boolean installedHere;
    private static Provider first;

    @BeforeAll
    static void install() throws InterruptedException {
        installedHere = Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME) == null;
        NativeCrypto.installInBackground().join(); // as Application.main installs it
        first = Security.getProviders()[0];
    }

    @AfterAll
    static void uninstall() { // the other tests of this JVM keep the JDK's providers they were written against
        if (installedHere) {
            Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        }
    }

    @Test
    void theNativeProviderIsFirstWhereItLoads() {
        assumeTrue(
                AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null, "no native library for this platform");
        assertEquals(AmazonCorrettoCryptoProvider.PROVIDER_NAME, first.getName());
        assertEquals(first, Security.getProviders()[0]);
    }

    @Test
    void es256SignaturesVerifyThroughTheFirstProvider() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] message = "header.payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA"); // as Nimbus asks: no provider named
        assertEquals(first.getName(), verifier.getProvider().getName());
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        assertTrue(verifier.verify(signature));

        byte[] tampered = Arrays.copyOf(message, message.length);
        tampered[0] ^= 1;
        verifier.initVerify(keys.getPublic());
        verifier.update(tampered);
        assertFalse(verifier.verify(signature));
    }

    @Test
    void theServiceAcceptsAValidEs256TokenAndRefusesATamperedOne() {
        try (ServiceUnderTest service =
                ServiceUnderTest.trusting(idp).with("auth.algorithms", "ES256").start()) {
            String valid = idp.valid("read:messages");
            String other = idp.valid("openid");
            assertEquals(200, service.getWithToken("/api/private-scoped", valid).statusCode());

            // the first token's header and claims with the second one's signature: well formed, wrongly signed
            String tampered = valid.substring(0, valid.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
            assertNotEquals(valid, tampered);
            assertEquals(
                    401, service.getWithToken("/api/private-scoped", tampered).statusCode());
        }
    }

    @Test
    void switchedOffByTheEnvironmentOrAProperty() {
        String before = System.getProperty("app.native-crypto");
        try {
            System.setProperty("app.native-crypto", "OFF");
            assertTrue(NativeCrypto.switchedOff());
            System.setProperty("app.native-crypto", "on");
            assertFalse(NativeCrypto.switchedOff());
        } finally {
            if (before == null) {
                System.clearProperty("app.native-crypto");
            } else {
                System.setProperty("app.native-crypto", before);
            }
        }
    }
}
