import '@testing-library/jest-dom';
import { randomUUID } from 'node:crypto';
import { TextDecoder, TextEncoder } from 'node:util';

// jsdom lacks a few globals the browser has: react-router needs TextEncoder, the form needs
// crypto.randomUUID for its idempotency key.
Object.assign(globalThis, { TextEncoder, TextDecoder });
if (!globalThis.crypto?.randomUUID) {
  Object.defineProperty(globalThis, 'crypto', { value: { ...globalThis.crypto, randomUUID } });
}
