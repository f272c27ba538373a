import { findPersonalData, scrub } from './scrubber';

describe('scrubber', () => {
  it('takes out e-mail addresses, phone numbers, BSNs, IBANs, postcodes and dates', () => {
    const { text, found } = scrub('Mail j.jansen@example.nl of bel 06-12345678 / +31 13 123 4567; BSN 111222333 (ook 123.456.782), IBAN NL91 ABNA 0417 1643 00, 5038 AB Tilburg, geboren 12-03-1980.');
    expect(text).toBe('Mail [e-mailadres] of bel [telefoonnummer] / [telefoonnummer]; BSN [nummer] (ook [nummer]), IBAN [rekeningnummer], [postcode] Tilburg, geboren [datum].');
    expect(found).toEqual(['EMAIL', 'IBAN', 'PHONE', 'BSN', 'POSTCODE', 'DATE']);
  });

  it('takes out the known name of the citizen, whole and in parts, in any case', () => {
    expect(scrub('Fatima de Vries kwam langs; De Vries had geen DigiD. fatima belde later.', ['Fatima de Vries']).text).toBe('[naam] kwam langs; [naam] had geen DigiD. [naam] belde later.');
  });

  it('takes out names after a form of address', () => {
    expect(scrub('Mevrouw Jansen en dhr. Van der Berg kwamen samen; meneer El Amrani ook.').text).toBe('Mevrouw [naam] en dhr. [naam] kwamen samen; meneer [naam] ook.');
  });

  it('leaves ordinary text, rules and small numbers alone', () => {
    const text = 'De kostendelersnorm (Participatiewet art. 19a) gaf 3 maanden een te lage uitkering; de wachttijd was 8 weken.';
    expect(scrub(text)).toEqual({ text, found: [] });
  });

  it('finds personal data for the check that refuses a leerverhaal', () => {
    expect(findPersonalData('Bel haar op 0612345678.')).toEqual(['PHONE']);
    expect(findPersonalData('Een moeder met drie kinderen.')).toEqual([]);
    expect(findPersonalData('Mevrouw Jansen woonde er.')).toEqual(['NAME']);
  });
});
