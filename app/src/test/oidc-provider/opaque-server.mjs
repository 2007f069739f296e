// panva/oidc-provider issuing OPAQUE access tokens, with RFC 7662 introspection and RFC 7009 revocation,
// for OidcProviderOpaqueIT. Started with `node opaque-server.mjs`; environment as for server.mjs:
//   OP_PORT       port to listen on (127.0.0.1 only); the issuer is http://127.0.0.1:<port>
//   OP_KEYS_FILE  a JWK set with private keys (oidc-provider needs one; opaque tokens are not signed)
// The resource server introspects as client `resource-server` (client_secret_basic). With
// features.jwtIntrospection, a client that asks with Accept: application/token-introspection+jwt gets an
// RFC 9701 signed answer: RS256 (the default) for `resource-server-signed` and every other client, HS256
// keyed with its client secret for `resource-server-hmac`. With features.dPoP a client that sends a
// DPoP proof to the token endpoint gets a DPoP-bound token; introspection then answers its cnf.jkt.
import { readFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const port = Number.parseInt(process.env.OP_PORT ?? '', 10);
if (!Number.isInteger(port) || port <= 0) {
  console.error('OP_PORT must be a port number');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const jwks = JSON.parse(readFileSync(process.env.OP_KEYS_FILE, 'utf8'));

const resourceServers = {
  'urn:messages-api': { audience: 'messages-api', scope: 'read:messages' },
  'urn:other-api': { audience: 'other-api', scope: 'read:messages' },
};

function client(clientId, scope) {
  return {
    client_id: clientId,
    client_secret: `${clientId}-secret`,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope,
  };
}

const provider = new Provider(issuer, {
  clients: [
    client('messages-client', 'read:messages'),
    client('basic-client', 'openid'),
    client('resource-server', 'openid'),
    { ...client('resource-server-signed', 'openid'), introspection_signed_response_alg: 'RS256' },
    { ...client('resource-server-hmac', 'openid'), introspection_signed_response_alg: 'HS256' },
  ],
  enabledJWA: { introspectionSigningAlgValues: ['RS256', 'HS256'] },
  jwks,
  scopes: ['openid', 'read:messages'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    jwtIntrospection: { enabled: true },
    dPoP: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      async getResourceServerInfo(ctx, resourceIndicator) {
        const server = resourceServers[resourceIndicator];
        if (!server) {
          throw new errors.InvalidTarget();
        }
        return { ...server, accessTokenFormat: 'opaque' };
      },
    },
  },
  cookies: { keys: ['test-only-cookie-signing-key'] },
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider (opaque tokens) listening on ${issuer}`);
});

function stop() {
  server.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
