package com.example.resourceserver.archfixture.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Violation: Netty is not among the auth adapter's libraries. */
public class AuthUsingStrayLibrary {

    public ByteBuf empty() {
        return Unpooled.EMPTY_BUFFER;
    }
}
