package com.example.resourceserver.auth.keys;

/** How far a key lookup may go to find a token's signing key. */
public enum KeyAccess {
    /** Keys in a fresh cached key set only; never blocks. A miss is {@link KeyLookup.NotCached}. */
    CACHED_ONLY,
    /** Cached keys, else fetch (rate-limited), else keys within the stale period. May block. */
    FETCH_IF_NEEDED,
    /** Cached keys, stale ones within the stale period included; never blocks. A miss is "keys unavailable". */
    CACHED_OR_STALE
}
