package com.example.resourceserver.app;

import java.util.HashMap;
import java.util.Map;

/** Every contract case again with the verified-token cache off: the cache must not change a verdict. */
class ContractWithoutTokenCacheTest extends ContractTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("auth.token-cache.enabled", "false");
        return properties;
    }
}
