import { readFileSync } from 'node:fs';
import { generateWebTypes, WEB_GENERATED } from './lib/web-codegen';

describe('web app types', () => {
  it('match schema.graphql and the operations (run `npm run web:codegen` when this fails)', async () => {
    const expected = await generateWebTypes();
    expect(readFileSync(WEB_GENERATED, 'utf8')).toBe(expected);
  });
});
