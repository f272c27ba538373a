import type { Request, Response } from 'express';
import { graphqlPostOnly } from './graphql-methods';

function call(method: string) {
  const res = { status: jest.fn(), setHeader: jest.fn(), json: jest.fn() };
  res.status.mockReturnValue(res);
  const next = jest.fn();
  graphqlPostOnly()({ method } as Request, res as unknown as Response, next);
  return { res, next };
}

describe('graphqlPostOnly', () => {
  it('lets POST through', () => {
    const { res, next } = call('POST');
    expect(next).toHaveBeenCalledTimes(1);
    expect(res.status).not.toHaveBeenCalled();
  });

  it.each(['GET', 'PUT', 'DELETE'])('answers %s with 405, Allow: POST and a bilingual BAD_USER_INPUT', (method) => {
    const { res, next } = call(method);
    expect(next).not.toHaveBeenCalled();
    expect(res.status).toHaveBeenCalledWith(405);
    expect(res.setHeader).toHaveBeenCalledWith('Allow', 'POST');
    expect(res.json).toHaveBeenCalledWith({
      errors: [
        expect.objectContaining({
          message: 'Stuur GraphQL-verzoeken met POST, niet via de URL. / Send GraphQL requests with POST, not in the URL.',
          extensions: {
            code: 'BAD_USER_INPUT',
            message_nl: 'Stuur GraphQL-verzoeken met POST, niet via de URL.',
            message_en: 'Send GraphQL requests with POST, not in the URL.',
          },
        }),
      ],
    });
  });
});
