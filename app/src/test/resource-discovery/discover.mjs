// RFC 9728 discovery as a real client does it, with oauth4webapi (code nobody on this project wrote):
// call a protected route with a token it refuses, read resource_metadata from the 401 challenge, fetch
// and validate the metadata for the resource the client called, and print what the client learned.
// Usage: node discover.mjs <resource URL, e.g. http://127.0.0.1:8080> <protected path>
import * as oauth from 'oauth4webapi';

const [resourceArg, path] = process.argv.slice(2);
const resource = new URL(resourceArg);
const insecure = { [oauth.allowInsecureRequests]: true }; // the service under test listens on plain http

let challenge;
try {
  const response = await oauth.protectedResourceRequest('not-a-valid-token', 'GET', new URL(path, resource),
    new Headers(), null, insecure);
  throw new Error(`expected a 401 challenge, got ${response.status}`);
} catch (error) {
  if (!(error instanceof oauth.WWWAuthenticateChallengeError)) throw error;
  challenge = error.cause.find((c) => c.scheme === 'bearer');
}
const metadataUrl = challenge?.parameters?.resource_metadata;
if (!metadataUrl) throw new Error('the 401 challenge names no resource_metadata');

// The URL the 401 names, fetched and checked against the resource the client called (RFC 9728 §3.3).
const fromChallenge = await oauth.processResourceDiscoveryResponse(resource,
  await fetch(metadataUrl, { headers: { accept: 'application/json' }, redirect: 'manual' }));

// The well-known URL the library derives itself from the resource identifier (§3.1), for comparison.
let derivedUrl;
const derived = await oauth.processResourceDiscoveryResponse(resource, await oauth.resourceDiscoveryRequest(resource, {
  ...insecure,
  [oauth.customFetch]: (url, options) => { derivedUrl = url; return fetch(url, options); },
}));

console.log(JSON.stringify({
  challengeError: challenge.parameters.error ?? null,
  metadataUrl,
  derivedUrl,
  authorizationServers: fromChallenge.authorization_servers,
  sameDocument: JSON.stringify(fromChallenge) === JSON.stringify(derived),
  scopesSupported: fromChallenge.scopes_supported,
}));
