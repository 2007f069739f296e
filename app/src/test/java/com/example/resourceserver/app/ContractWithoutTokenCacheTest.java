package com.example.resourceserver.app;

import com.example.resourceserver.app.support.ServiceUnderTest;

/** Every contract case again with the verified-token cache off: the cache must not change a verdict. */
class ContractWithoutTokenCacheTest extends ContractTest {

    @Override
    ServiceUnderTest.Settings settings() {
        return super.settings().with("auth.token-cache.enabled", "false");
    }
}
