import type { CallbackLetterQuery } from '../api/generated';

type Letter = CallbackLetterQuery['callbackLetter'];

/**
 * The afsprakenbriefje as the citizen reads it (B1): the same sections as the PDF. `level` is the
 * heading level of its sections, so it fits under the page's own headings.
 */
export function CallbackLetterView({ letter, level }: { letter: Letter; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="schakel-callback-letter" data-testid="afsprakenbriefje">
      {letter.sections.map((s) => (
        <section key={s.heading} aria-label={s.heading}>
          <Heading className={level === 2 ? 'utrecht-heading-2' : 'utrecht-heading-3'}>{s.heading}</Heading>
          {s.paragraphs.map((p) => (
            <p key={p} className="utrecht-paragraph">
              {p}
            </p>
          ))}
          {s.items.length > 0 && (
            <ul className="utrecht-unordered-list">
              {s.items.map((item) => (
                <li key={item} className="utrecht-unordered-list__item">
                  {item}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
