import { Heading3, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { LearningStoryFieldsFragment } from '../api/generated';
import { monthLabel } from './period';
import { categoryLabel, topicLabel } from './present';

/** Leerverhalen as short accounts: situation, what was done, why, what it asked of the rules. */
export function StoryList({ stories, headingLevel = 3, children }: { stories: LearningStoryFieldsFragment[]; headingLevel?: 2 | 3; children?: (s: LearningStoryFieldsFragment) => ReactNode }) {
  if (stories.length === 0) return <Paragraph>Er zijn geen leerverhalen.</Paragraph>;
  return (
    <ul className="schakel-stories">
      {stories.map((s) => (
        <li key={s.id} className="schakel-story-card" data-story-id={s.id} data-status={s.status}>
          {headingLevel === 2 ? <h2 className="utrecht-heading-2">{s.title}</h2> : <Heading3>{s.title}</Heading3>}
          <p className="schakel-muted">
            {monthLabel(s.month)} · {topicLabel(s.topic)} · {categoryLabel(s.category)}
          </p>
          <dl className="schakel-story-parts">
            <dt>De situatie</dt>
            <dd>{s.situation}</dd>
            <dt>Wat er is gedaan</dt>
            <dd>{s.action}</dd>
            <dt>Waarom</dt>
            <dd>{s.reason}</dd>
            {s.ruleNeed && (
              <>
                <dt>Wat het vroeg van de regels</dt>
                <dd>{s.ruleNeed}</dd>
              </>
            )}
          </dl>
          {children?.(s)}
        </li>
      ))}
    </ul>
  );
}
