import { loadConfig } from '@schakel/platform';
import { corsOrigins } from './cors';

const production = { NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'p'.repeat(40), BSN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), BSN_HMAC_KEY: 'h'.repeat(40), PLATFORM_SIGNING_KEY: '{"kty":"OKP","crv":"Ed25519","x":"p7zddd907MB9QW2294g5ksLlLnCEogzO057vmRcESX4","d":"gRKGSEWvByhqYdMs9D72jvD0UH6s6CCGWStYMdAhO2E"}' };

describe('corsOrigins', () => {
  it('allows the local web app outside production when CORS_ORIGINS is empty', () => {
    expect(corsOrigins(loadConfig({}))).toEqual(['http://127.0.0.1:4200', 'http://localhost:4200']);
    expect(corsOrigins(loadConfig({ NODE_ENV: 'test', WEB_PORT: '5173' }))).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173']);
  });

  it('uses CORS_ORIGINS alone when it is set', () => {
    expect(corsOrigins(loadConfig({ CORS_ORIGINS: 'https://schakel.example.nl' }))).toEqual(['https://schakel.example.nl']);
    expect(corsOrigins(loadConfig({ ...production, CORS_ORIGINS: 'https://schakel.example.nl' }))).toEqual(['https://schakel.example.nl']);
  });

  it('allows no browser origin in production without CORS_ORIGINS, whatever WEB_PORT says', () => {
    expect(corsOrigins(loadConfig({ ...production, WEB_PORT: '4200' }))).toBe(false);
  });
});
