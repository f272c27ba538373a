import { newHandoffMessage } from './new-handoff.service';

describe('newHandoffMessage', () => {
  it('names the sending organisation and the topic, in plain Dutch', () => {
    expect(newHandoffMessage('Gemeente Tilburg', 'WERK')).toBe('Nieuwe doorverwijzing van Gemeente Tilburg over Werk.');
    expect(newHandoffMessage('UWV', 'SCHULDEN')).toBe('Nieuwe doorverwijzing van UWV over Schulden.');
  });

  it('reads naturally for OVERIG, an unknown topic or an unknown sender', () => {
    expect(newHandoffMessage('SVB', 'OVERIG')).toBe('Nieuwe doorverwijzing van SVB over een ander onderwerp.');
    expect(newHandoffMessage(undefined, 'IETS')).toBe('Nieuwe doorverwijzing van een andere organisatie over een ander onderwerp.');
  });
});
