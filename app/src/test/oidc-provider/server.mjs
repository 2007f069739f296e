// A real OpenID Provider (panva/oidc-provider, OpenID Certified) for the app module's *IT tests.
// Started by OidcProviderServer.java with `node server.mjs`; everything comes from the environment:
//   OP_PORT       port to listen on (127.0.0.1 only); the issuer is http://127.0.0.1:<port>
//   OP_KEYS_FILE  a JWK set with private keys; the first RS256 key signs, the others are only published
// It issues RFC 9068 JWT access tokens (typ at+jwt) through client_credentials with resource indicators;
// with features.dPoP, a client that sends a DPoP proof (RFC 9449) to the token endpoint gets a DPoP-bound
// token (token_type DPoP, cnf.jkt the thumbprint of the proof's key).
import { readFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const port = Number.parseInt(process.env.OP_PORT ?? '', 10);
if (!Number.isInteger(port) || port <= 0) {
  console.error('OP_PORT must be a port number');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const jwks = JSON.parse(readFileSync(process.env.OP_KEYS_FILE, 'utf8'));

// Resource indicators (RFC 8707) must be absolute URIs; each maps to the audience its tokens carry.
// Both APIs may be granted read:messages, so a token for the wrong API differs only in aud.
const resourceServers = {
  'urn:messages-api': { audience: 'messages-api', scope: 'read:messages' },
  'urn:other-api': { audience: 'other-api', scope: 'read:messages' },
};

const SHORT_LIVED_SECONDS = 5;

function client(clientId, scope) {
  return {
    client_id: clientId,
    client_secret: `${clientId}-secret`,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    // The scopes this client may request. oidc-provider treats a client without `scope` as allowed
    // every scope, so the client that must not get read:messages lists only openid.
    scope,
  };
}

const provider = new Provider(issuer, {
  clients: [
    client('messages-client', 'read:messages'),
    client('basic-client', 'openid'),
    client('short-lived-client', 'read:messages'),
  ],
  jwks,
  scopes: ['openid', 'read:messages'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    dPoP: { enabled: true },
    resourceIndicators: {
      enabled: true,
      async getResourceServerInfo(ctx, resourceIndicator) {
        const server = resourceServers[resourceIndicator];
        if (!server) {
          throw new errors.InvalidTarget();
        }
        return { ...server, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  ttl: {
    // short-lived-client's tokens expire after a few seconds, for the expiry scenario.
    ClientCredentials(ctx, token, clientOfToken) {
      return clientOfToken.clientId === 'short-lived-client' ? SHORT_LIVED_SECONDS : 600;
    },
  },
  cookies: { keys: ['test-only-cookie-signing-key'] },
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});

function stop() {
  server.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
