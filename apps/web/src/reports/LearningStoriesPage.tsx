import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { LearningStoriesDocument, ReviewLearningStoryDocument, type LearningStoryFieldsFragment, type LearningStoryStatus, type ReviewDecision } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { ButtonLink } from '../action-lists/ButtonLink';
import { hasRole, useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { TextAreaField } from '../ui/fields';
import { LEARNING_STORY_STATUS_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { STORY_REVIEW_ROLES, STORY_WRITE_ROLES } from './roles';
import { StoryList } from './StoryList';
import './reports.css';

function tone(status: LearningStoryStatus): 'success' | 'danger' | 'warning' {
  if (status === 'GOEDGEKEURD') return 'success';
  if (status === 'AFGEWEZEN') return 'danger';
  return 'warning';
}

function ReviewForm({ story, onDone }: { story: LearningStoryFieldsFragment; onDone: () => Promise<unknown> }) {
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [review, { loading }] = useMutation(ReviewLearningStoryDocument);
  const announce = useAnnounce();
  const id = `beoordeling-${story.id}`;

  async function decide(decision: ReviewDecision) {
    if (decision === 'REJECT' && !note.trim()) {
      setProblem('Schrijf bij afwijzen waarom, zodat de schrijver het kan verbeteren.');
      document.getElementById(id)?.focus();
      return;
    }
    try {
      await review({ variables: { id: story.id, decision, note: note.trim() || null } });
      setProblem(undefined);
      announce(decision === 'APPROVE' ? `"${story.title}" is goedgekeurd.` : `"${story.title}" is afgewezen.`);
      await onDone();
    } catch (err) {
      setProblem(userFacingErrors(err)[0]?.message);
    }
  }

  return (
    <form className="schakel-review-form" noValidate onSubmit={(e) => e.preventDefault()} aria-label={`Beoordeel "${story.title}"`}>
      <TextAreaField id={id} label="Opmerking voor de schrijver" description="Verplicht bij afwijzen." rows={3} value={note} onChange={setNote} error={problem} maxLength={1000} />
      <ButtonGroup>
        <Button appearance="primary-action-button" type="button" busy={loading} onClick={() => void decide('APPROVE')} aria-label={`Goedkeuren: ${story.title}`}>
          Goedkeuren
        </Button>
        <Button appearance="secondary-action-button" type="button" busy={loading} onClick={() => void decide('REJECT')} aria-label={`Afwijzen: ${story.title}`}>
          Afwijzen
        </Button>
      </ButtonGroup>
    </form>
  );
}

/**
 * Leerverhalen: short anonymised accounts of maatwerk. Behandelaars and coördinatoren write them,
 * a coördinator (not the writer) reviews; only approved stories appear in a report.
 */
export default function LearningStoriesPage() {
  usePageTitle('Leerverhalen');
  const me = useMe();
  const location = useLocation();
  // Under Rapportages only reviewed stories: what is not approved may not appear in a report.
  const inReports = location.pathname.startsWith('/rapportages');
  const { data, error, refetch } = useQuery(LearningStoriesDocument, { variables: { status: inReports ? 'GOEDGEKEURD' : null }, fetchPolicy: 'cache-and-network' });
  const stories = data?.learningStories ?? [];
  const mayReview = !inReports && hasRole(me, STORY_REVIEW_ROLES);
  const toReview = mayReview ? stories.filter((s) => s.status === 'TER_REVIEW' && !s.writtenByMe) : [];
  const others = stories.filter((s) => !toReview.includes(s));
  const created = (location.state as { created?: string } | null)?.created;
  const writePath = inReports ? null : '/leerverhalen/nieuw';

  return (
    <>
      <Heading1>Leerverhalen</Heading1>
      <Paragraph>
        Een leerverhaal vertelt hoe een medewerker maatwerk toepaste en waarom: de situatie, wat er is gedaan, waarom, en wat het vroeg van de regels. Zonder namen of nummers. Een coördinator beoordeelt het; pas daarna komt het in een rapportage.
      </Paragraph>
      {created && (
        <Alert type="ok" role="status">
          <Paragraph>Uw leerverhaal &quot;{created}&quot; is opgeslagen. Een coördinator beoordeelt het.</Paragraph>
        </Alert>
      )}
      {hasRole(me, STORY_WRITE_ROLES) && writePath && (
        <ButtonGroup>
          <ButtonLink to={writePath} appearance="primary-action-button">
            Nieuw leerverhaal
          </ButtonLink>
        </ButtonGroup>
      )}
      {error && !data && (
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      )}
      {mayReview && (
        <section aria-labelledby="te-beoordelen-titel">
          <Heading2 id="te-beoordelen-titel">Te beoordelen ({toReview.length})</Heading2>
          {toReview.length === 0 ? (
            <Paragraph>Er wachten geen leerverhalen op uw beoordeling.</Paragraph>
          ) : (
            <StoryList stories={toReview}>{(s) => <ReviewForm story={s} onDone={() => refetch()} />}</StoryList>
          )}
        </section>
      )}
      <section aria-labelledby="alle-verhalen-titel">
        <Heading2 id="alle-verhalen-titel">{inReports ? 'Goedgekeurde leerverhalen' : mayReview ? 'Alle leerverhalen' : 'Leerverhalen van uw organisatie'}</Heading2>
        <StoryList stories={others}>
          {(s) => (
            <p>
              <StatusBadge status={tone(s.status)}>{LEARNING_STORY_STATUS_LABEL[s.status]}</StatusBadge>
              {s.writtenByMe && <span className="schakel-muted"> · door u geschreven</span>}
              {s.reviewNote && <span> · opmerking: {s.reviewNote}</span>}
            </p>
          )}
        </StoryList>
      </section>
    </>
  );
}
