import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Heading3, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { SimplificationProposalsDocument, UpdateSimplificationProposalStatusDocument, type ProposalStatus, type SimplificationProposalFieldsFragment } from '../api/generated';
import { errorsByField, hasCode, userFacingErrors } from '../api/errors';
import { ButtonLink } from '../action-lists/ButtonLink';
import { useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { SelectField, TextAreaField } from '../ui/fields';
import { shortDay } from '../ui/format';
import { PROPOSAL_STATUS_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { monthLabel } from './period';
import { categoryLabel } from './present';
import { ProposalTable } from './ProposalTable';

/** The owner moves a voorstel on: ingediend → in behandeling → opgelost | afgewezen (with a reason). */
const NEXT: Record<ProposalStatus, ProposalStatus[]> = { INGEDIEND: ['IN_BEHANDELING'], IN_BEHANDELING: ['OPGELOST', 'AFGEWEZEN'], OPGELOST: [], AFGEWEZEN: [] };

function tone(status: ProposalStatus): 'success' | 'danger' | 'warning' | 'neutral' {
  if (status === 'OPGELOST') return 'success';
  if (status === 'AFGEWEZEN') return 'danger';
  if (status === 'IN_BEHANDELING') return 'warning';
  return 'neutral';
}

function AnswerForm({ proposal, onDone }: { proposal: SimplificationProposalFieldsFragment; onDone: () => Promise<unknown> }) {
  const options = NEXT[proposal.status];
  const [status, setStatus] = useState<ProposalStatus>(options[0] ?? proposal.status);
  const [response, setResponse] = useState(proposal.response ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ status?: string; response?: string; reason?: string }>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [move, { loading }] = useMutation(UpdateSimplificationProposalStatusDocument);
  const announce = useAnnounce();
  const base = `antwoord-${proposal.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (status === 'AFGEWEZEN' && !reason.trim()) {
      setErrors({ reason: 'Geef de reden van afwijzen.' });
      document.getElementById(`${base}-reden`)?.focus();
      return;
    }
    try {
      await move({
        variables: { input: { id: proposal.id, status, expectedVersion: proposal.version, response: response.trim() || null, rejectionReason: status === 'AFGEWEZEN' ? reason.trim() : null } },
      });
      setErrors({});
      setGeneral(null);
      announce(`Voorstel "${proposal.rule}": ${PROPOSAL_STATUS_LABEL[status].toLowerCase()}.`);
      await onDone();
    } catch (err) {
      if (hasCode(err, 'CONFLICT')) {
        setGeneral('Iemand anders heeft dit voorstel net gewijzigd. Hieronder ziet u de nieuwe stand.');
        await onDone();
        return;
      }
      const { byField, general: rest } = errorsByField(err, (path) => ({ status: 'status', response: 'response', rejectionReason: 'reason' })[path.split('.').pop() ?? '']);
      setErrors(byField);
      setGeneral(rest[0] ?? null);
    }
  }

  return (
    <form className="schakel-answer-form" noValidate onSubmit={(e) => void submit(e)} aria-label={`Beantwoord het voorstel over ${proposal.rule}`}>
      {general && (
        <Alert type="error" role="alert">
          <Paragraph>{general}</Paragraph>
        </Alert>
      )}
      <SelectField id={`${base}-status`} label="Nieuwe status" required value={status} onChange={(v) => setStatus(v as ProposalStatus)} options={options.map((o) => ({ value: o, label: PROPOSAL_STATUS_LABEL[o] }))} error={errors.status} />
      <TextAreaField id={`${base}-tekst`} label="Antwoord aan de indiener" rows={3} value={response} onChange={setResponse} error={errors.response} maxLength={4000} />
      {status === 'AFGEWEZEN' && <TextAreaField id={`${base}-reden`} label="Reden van afwijzen" required rows={3} value={reason} onChange={setReason} error={errors.reason} maxLength={2000} />}
      <Button appearance="primary-action-button" type="submit" busy={loading}>
        Antwoord opslaan
      </Button>
    </form>
  );
}

function ProposalCard({ proposal, onDone }: { proposal: SimplificationProposalFieldsFragment; onDone: () => Promise<unknown> }) {
  return (
    <li className="schakel-story-card" data-proposal-id={proposal.id} data-status={proposal.status}>
      <Heading3>{proposal.rule}</Heading3>
      <p>
        <StatusBadge status={tone(proposal.status)}>{PROPOSAL_STATUS_LABEL[proposal.status]}</StatusBadge>{' '}
        <span className="schakel-muted">
          van {proposal.author.name} aan {proposal.owner.name} · ingediend {shortDay(proposal.createdAt)}
        </span>
      </p>
      <p className="schakel-story">{proposal.proposal}</p>
      {proposal.response && <p>Antwoord: {proposal.response}</p>}
      {proposal.rejectionReason && <p>Reden van afwijzen: {proposal.rejectionReason}</p>}
      {proposal.bottlenecks.length > 0 && (
        <details>
          <summary>Gebundelde knelpunten ({proposal.bottlenecks.length})</summary>
          <ul>
            {proposal.bottlenecks.map((b) => (
              <li key={b.id}>
                {monthLabel(b.month)}, {categoryLabel(b.category)}: {b.description}
              </li>
            ))}
          </ul>
        </details>
      )}
      {proposal.canRespond && <AnswerForm proposal={proposal} onDone={onDone} />}
    </li>
  );
}

/** The vereenvoudigingsagenda: voorstellen my organisation made, and those addressed to it (to answer). */
export default function ProposalsPage() {
  usePageTitle('Vereenvoudigingsagenda');
  const me = useMe();
  const location = useLocation();
  const { data, error, refetch } = useQuery(SimplificationProposalsDocument, { fetchPolicy: 'cache-and-network' });
  const proposals = data?.simplificationProposals ?? [];
  const toMe = proposals.filter((p) => p.owner.id === me.organisation.id);
  const fromMe = proposals.filter((p) => p.owner.id !== me.organisation.id);
  const created = (location.state as { created?: string } | null)?.created;

  return (
    <>
      <Heading1>Vereenvoudigingsagenda</Heading1>
      <Paragraph>
        Voorstellen om regels en systemen eenvoudiger te maken, op basis van knelpunten uit de praktijk. De organisatie die de regel of het systeem beheert, beantwoordt het voorstel.
      </Paragraph>
      {created && (
        <Alert type="ok" role="status">
          <Paragraph>Uw voorstel over &quot;{created}&quot; is ingediend.</Paragraph>
        </Alert>
      )}
      <ButtonGroup>
        <ButtonLink to="/rapportages/agenda/nieuw" appearance="primary-action-button">
          Nieuw voorstel
        </ButtonLink>
      </ButtonGroup>
      {error && !data && (
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      )}
      <section aria-labelledby="aan-mij-titel">
        <Heading2 id="aan-mij-titel">Aan {me.organisation.name} ({toMe.length})</Heading2>
        {toMe.length === 0 ? (
          <Paragraph>Er zijn geen voorstellen aan uw organisatie.</Paragraph>
        ) : (
          <ul className="schakel-stories">
            {toMe.map((p) => (
              <ProposalCard key={p.id} proposal={p} onDone={() => refetch()} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="van-mij-titel">
        <Heading2 id="van-mij-titel">Van {me.organisation.name} aan anderen ({fromMe.length})</Heading2>
        {fromMe.length === 0 ? (
          <Paragraph>Uw organisatie heeft nog geen voorstellen gedaan aan anderen.</Paragraph>
        ) : (
          <ul className="schakel-stories">
            {fromMe.map((p) => (
              <ProposalCard key={p.id} proposal={p} onDone={() => refetch()} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="agenda-tabel-titel">
        <Heading2 id="agenda-tabel-titel">Alles in een tabel</Heading2>
        <ProposalTable id="agenda-alles" proposals={proposals} />
      </section>
    </>
  );
}
