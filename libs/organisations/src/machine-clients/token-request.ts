/**
 * The input of POST /auth/token (RFC 6749 §4.4), checked before anything reaches a decoder that
 * could throw or a database that could refuse it. Every refusal names the field and never
 * repeats what was sent.
 */
export interface TokenRequestInput {
  clientId: string;
  secret: string;
  scope: string | undefined;
}

export interface TokenRequestRefusal {
  error: 'invalid_request' | 'unsupported_grant_type';
  description: string;
}

/** Longest accepted values: far above what Schakel issues, far below what could cost us. */
export const TOKEN_FIELD_MAX_LENGTH = { client_id: 200, client_secret: 512, scope: 1000, grant_type: 100 } as const;
type Field = keyof typeof TOKEN_FIELD_MAX_LENGTH;

// RFC 6749 Appendix A: client ids, secrets and scopes are printable ASCII (VSCHAR / NQCHAR).
// Schakel's own ids (slugs) and secrets (base64url) never hold '%': one left after a form body or
// HTTP Basic was decoded means the percent-encoding was malformed.
const ALLOWED = /^[\x20-\x24\x26-\x7e]*$/;

const invalid = (description: string): TokenRequestRefusal => ({ error: 'invalid_request', description });

function checkField(field: Field, value: unknown, where = ''): string | undefined | TokenRequestRefusal {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return invalid(`${field}${where} must be a string.`);
  if (value.length > TOKEN_FIELD_MAX_LENGTH[field]) return invalid(`${field}${where} is longer than ${TOKEN_FIELD_MAX_LENGTH[field]} characters.`);
  if (!ALLOWED.test(value)) return invalid(`${field}${where} holds a character that is not allowed (printable ASCII only, no NUL or control characters) or malformed percent-encoding.`);
  return value;
}

const refused = (value: unknown): value is TokenRequestRefusal => typeof value === 'object' && value !== null && 'error' in value;

/** `Authorization: Basic base64(urlencode(id) ":" urlencode(secret))` (RFC 6749 §2.3.1). */
function basicCredentials(authorization: string | undefined): { clientId?: string; secret?: string } | TokenRequestRefusal | undefined {
  const basic = /^Basic(?:\s+(.*))?$/is.exec(authorization ?? '');
  if (!basic) return undefined; // another scheme: not client authentication, ignored as before
  const encoded = (basic[1] ?? '').trim();
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(encoded) || encoded.length === 0 || encoded.length > 2000) {
    return invalid('The Authorization header (HTTP Basic) is not valid base64 of client_id:client_secret.');
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64'));
  } catch {
    return invalid('The Authorization header (HTTP Basic) is not valid UTF-8.');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return invalid('The Authorization header (HTTP Basic) must hold client_id:client_secret.');
  const parts: Array<[Field, string]> = [
    ['client_id', decoded.slice(0, colon)],
    ['client_secret', decoded.slice(colon + 1)],
  ];
  const values: string[] = [];
  for (const [field, raw] of parts) {
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return invalid(`${field} in the Authorization header (HTTP Basic) is not valid percent-encoding.`);
    }
    const checked = checkField(field, value, ' in the Authorization header (HTTP Basic)');
    if (refused(checked)) return checked;
    values.push(value);
  }
  return { clientId: values[0], secret: values[1] };
}

/**
 * Reads a token request from a form or JSON body and an optional HTTP Basic header. Credentials
 * in the body win over HTTP Basic (as before). Returns the credentials or an OAuth2 refusal.
 */
export function parseTokenRequest(body: unknown, authorization: string | undefined): TokenRequestInput | TokenRequestRefusal {
  const fields = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const grantType = checkField('grant_type', fields.grant_type);
  if (refused(grantType)) return grantType;
  if (grantType !== 'client_credentials') return { error: 'unsupported_grant_type', description: 'Use grant_type=client_credentials.' };

  const bodyId = checkField('client_id', fields.client_id);
  if (refused(bodyId)) return bodyId;
  const bodySecret = checkField('client_secret', fields.client_secret);
  if (refused(bodySecret)) return bodySecret;
  const scope = checkField('scope', fields.scope);
  if (refused(scope)) return invalid(scope.description.replace(' must be a string.', ' is a space-separated string.'));

  const basic = basicCredentials(authorization);
  if (refused(basic)) return basic;
  const clientId = bodyId ?? basic?.clientId;
  const secret = bodySecret ?? basic?.secret;
  if (!clientId || !secret) return invalid('Send client_id and client_secret (in the body or with HTTP Basic).');
  return { clientId, secret, scope };
}

export function isTokenRequestRefusal(value: TokenRequestInput | TokenRequestRefusal): value is TokenRequestRefusal {
  return refused(value);
}
