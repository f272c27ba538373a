import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  ActionListDocument,
  AmendActionListDocument,
  OpenActionListForSigningDocument,
  UpdateActionItemStatusDocument,
  type ActionItemStatus,
  type ActionListVersionDetailFragment,
} from '../api/generated';
import { hasCode, userFacingErrors } from '../api/errors';
import { hasRole, useMe } from '../app/me';
import { useAnnounce } from '../ui/announcer';
import { AppLink } from '../ui/AppLink';
import { SelectField } from '../ui/fields';
import { dayAndTime, fullDate } from '../ui/format';
import { ACTION_ITEM_STATUS_LABEL, ACTION_LIST_STATUS_LABEL, SIGNATURE_INTENT_LABEL, optionsOf } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { statusTone } from './ActionListsPage';
import { ButtonLink } from './ButtonLink';
import { fingerprint, longDate, organisationName, shortFingerprint, topicLabel, workingDays } from './present';
import { DRAFT_ROLES, ITEM_ROLES, SIGN_ROLES } from './roles';
import { SignPanel } from './SignPanel';
import { VerificationPanel } from './VerificationPanel';

const STALE = 'Iemand anders heeft deze lijst net gewijzigd. Hieronder ziet u de nieuwe stand. Kijk of uw stap nog nodig is en probeer het dan opnieuw.';

function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={fullDate(iso)}>
      {dayAndTime(iso)}
    </time>
  );
}

function ItemStatusForm({ version, itemId, position, status, onChanged }: { version: ActionListVersionDetailFragment; itemId: string; position: number; status: ActionItemStatus | null; onChanged: () => Promise<unknown> }) {
  const [value, setValue] = useState<string>(status ?? 'OPEN');
  const [error, setError] = useState<string | undefined>();
  const [update, { loading }] = useMutation(UpdateActionItemStatusDocument);
  const announce = useAnnounce();
  const id = `actie-${itemId}-status`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await update({ variables: { versionId: version.id, itemId, status: value as ActionItemStatus } });
      setError(undefined);
      announce(`Status bijgewerkt: ${ACTION_ITEM_STATUS_LABEL[value as ActionItemStatus].toLowerCase()}.`);
      await onChanged();
    } catch (err) {
      setError(userFacingErrors(err)[0]?.message);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="schakel-inline-form">
      <SelectField id={id} label={`Status van actie ${position}`} required value={value} onChange={setValue} error={error} options={optionsOf(ACTION_ITEM_STATUS_LABEL)} />
      <Button appearance="secondary-action-button" type="submit" busy={loading}>
        Status opslaan
      </Button>
    </form>
  );
}

function Content({ version, onChanged }: { version: ActionListVersionDetailFragment; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const mayUpdateItems = version.status === 'FINAL' && hasRole(me, ITEM_ROLES);
  const items = [...version.items].sort((a, b) => a.position - b.position);
  return (
    <>
      {version.description && <Paragraph className="schakel-story">{version.description}</Paragraph>}

      <Heading2>Partijen</Heading2>
      <ul className="schakel-plain-list" data-testid="parties">
        {version.parties.map((p) => (
          <li key={p.organisationId} data-signed={p.signed ?? 'NONE'}>
            <strong>{p.name}</strong>: {p.signed ? SIGNATURE_INTENT_LABEL[p.signed].toLowerCase() : 'nog niet ondertekend'}
          </li>
        ))}
      </ul>

      <Heading2>Acties</Heading2>
      {items.length === 0 ? (
        <Paragraph>Geen acties.</Paragraph>
      ) : (
        <ol className="schakel-chain">
          {items.map((i) => {
            const mine = i.ownerOrganisationId === me.organisation.id;
            return (
              <li key={i.id} className="schakel-chain__step" data-item-id={i.id}>
                <p className="schakel-chain__title">
                  <strong>{i.description}</strong>
                </p>
                <p className="schakel-muted">
                  Wie: {organisationName(version, i.ownerOrganisationId)} · {i.dueDate ? `klaar op ${longDate(i.dueDate)}` : 'geen einddatum'}
                  {version.status === 'FINAL' && (
                    <>
                      {' '}
                      · status: <span data-testid="item-status">{ACTION_ITEM_STATUS_LABEL[i.status ?? 'OPEN'].toLowerCase()}</span>
                      {i.statusUpdatedAt && (
                        <>
                          {' '}
                          (bijgewerkt <Time iso={i.statusUpdatedAt} />)
                        </>
                      )}
                    </>
                  )}
                </p>
                {mayUpdateItems && mine && <ItemStatusForm version={version} itemId={i.id} position={i.position} status={i.status} onChanged={onChanged} />}
              </li>
            );
          })}
        </ol>
      )}

      <Heading2>Afspraken over reactietijden</Heading2>
      {version.agreements.length === 0 ? (
        <Paragraph>Geen afspraken over reactietijden.</Paragraph>
      ) : (
        <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby="afspraken-titel">
          <Table className="schakel-table">
            <TableCaption id="afspraken-titel">Zo snel reageert een organisatie op een doorverwijzing</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Ontvanger</TableHeaderCell>
                <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
                <TableHeaderCell scope="col">Aanvaarden binnen</TableHeaderCell>
                <TableHeaderCell scope="col">Eerste contact binnen</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {version.agreements.map((a) => (
                <TableRow key={`${a.receivingOrganisationId}-${a.topic ?? 'alle'}`}>
                  <TableCell>{organisationName(version, a.receivingOrganisationId)}</TableCell>
                  <TableCell>{topicLabel(a.topic)}</TableCell>
                  <TableCell>{workingDays(a.acceptWithinWorkingDays)}</TableCell>
                  <TableCell>{workingDays(a.firstContactWithinWorkingDays)} na aanvaarden</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      <Heading2>Handtekeningen</Heading2>
      {version.signatures.length === 0 ? (
        <Paragraph>Nog geen handtekeningen.</Paragraph>
      ) : (
        <ul className="schakel-plain-list" data-testid="signatures">
          {version.signatures.map((s) => (
            <li key={s.id}>
              <strong>{organisationName(version, s.organisationId)}</strong>: {SIGNATURE_INTENT_LABEL[s.intent].toLowerCase()} op <Time iso={s.signedAt} />
              {s.reason && <> · reden: {s.reason}</>}
              <div className="schakel-muted">
                Sleutel {fingerprint(s.kid)} · plaats in het transparantielog: {s.logIndex}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export default function ActionListPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const announce = useAnnounce();
  const { data, error, refetch } = useQuery(ActionListDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [openForSigning, { loading: opening }] = useMutation(OpenActionListForSigningDocument);
  const [amend, { loading: amending }] = useMutation(AmendActionListDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const list = data?.actionList;
  usePageTitle(list ? `Actielijst ${list.title}` : 'Actielijst');

  if (error && !list) {
    return (
      <>
        <Heading1>Actielijst</Heading1>
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      </>
    );
  }
  if (!list) {
    return (
      <>
        <Heading1>Actielijst</Heading1>
        <Paragraph role="status">Laden…</Paragraph>
      </>
    );
  }

  const versions = [...list.versions].sort((a, b) => b.version - a.version);
  const chosen = Number(params.get('versie'));
  const version = versions.find((v) => v.version === chosen) ?? versions[0];
  const latest = versions[0];
  const isLatest = version.id === latest.id;
  const owner = list.ownerOrganisationId === me.organisation.id;
  const mayDraft = owner && hasRole(me, DRAFT_ROLES);
  const myParty = version.parties.find((p) => p.organisationId === me.organisation.id);
  const maySign = version.status === 'OPEN_FOR_SIGNING' && hasRole(me, SIGN_ROLES) && myParty !== undefined && myParty.signed === null;
  const reload = () => refetch();

  async function act(run: () => Promise<unknown>, done: string) {
    setProblem(null);
    try {
      await run();
      announce(done);
      await refetch();
    } catch (err) {
      setProblem(hasCode(err, 'CONFLICT') ? `${userFacingErrors(err)[0]?.message ?? ''} ${STALE}`.trim() : (userFacingErrors(err)[0]?.message ?? null));
      await refetch();
    }
  }

  return (
    <>
      <Heading1>{version.title}</Heading1>
      <DataList className="schakel-datalist">
        <DataListItem>
          <DataListKey>Status</DataListKey>
          <DataListValue>
            <StatusBadge status={statusTone(version.status)} data-testid="version-status" data-status={version.status}>
              {ACTION_LIST_STATUS_LABEL[version.status]}
            </StatusBadge>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Versie</DataListKey>
          <DataListValue>
            {version.version}
            {!isLatest && <> (er is een nieuwere versie: {latest.version})</>}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Opgesteld door</DataListKey>
          <DataListValue>
            {organisationName(version, list.ownerOrganisationId)} op <Time iso={version.createdAt} />
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Vingerafdruk van de inhoud</DataListKey>
          <DataListValue>
            <code data-testid="content-hash">{fingerprint(version.contentHash)}</code>
            <div className="schakel-muted">SHA-256 van de inhoud. Wie ondertekent, ondertekent precies deze vingerafdruk.</div>
          </DataListValue>
        </DataListItem>
        {version.previousVersionHash && (
          <DataListItem>
            <DataListKey>Vervangt versie met vingerafdruk</DataListKey>
            <DataListValue>
              <code>{fingerprint(version.previousVersionHash)}</code>
            </DataListValue>
          </DataListItem>
        )}
        {version.finalisedAt && (
          <DataListItem>
            <DataListKey>Definitief sinds</DataListKey>
            <DataListValue>
              <Time iso={version.finalisedAt} />
            </DataListValue>
          </DataListItem>
        )}
      </DataList>

      {problem && (
        <Alert type="error" role="alert">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      )}

      {mayDraft && isLatest && version.status === 'DRAFT' && (
        <section aria-labelledby="concept-titel">
          <Heading2 id="concept-titel">Concept</Heading2>
          <Paragraph>Pas het concept aan zolang het nog niet ter ondertekening ligt. Daarna ligt de inhoud vast.</Paragraph>
          <ButtonGroup>
            <ButtonLink to={`/actielijsten/${list.id}/bewerken`}>Concept bewerken</ButtonLink>
            <Button
              appearance="primary-action-button"
              type="button"
              busy={opening}
              onClick={() => void act(() => openForSigning({ variables: { versionId: version.id } }), 'De lijst ligt nu ter ondertekening bij alle partijen.')}
            >
              Ter ondertekening aanbieden
            </Button>
          </ButtonGroup>
        </section>
      )}

      {maySign && <SignPanel version={version} onChanged={reload} />}
      {version.status === 'OPEN_FOR_SIGNING' && myParty?.signed && (
        <Alert type="info">
          <Paragraph>
            {me.organisation.name} heeft deze versie {SIGNATURE_INTENT_LABEL[myParty.signed].toLowerCase()}. De lijst wordt definitief zodra alle partijen hebben ondertekend.
          </Paragraph>
        </Alert>
      )}

      <Content version={version} onChanged={reload} />

      {/* A new signature or status means a new check: the key starts the panel afresh. */}
      {version.status !== 'DRAFT' && <VerificationPanel key={`${version.id}-${version.status}-${version.signatures.length}`} version={version} />}

      {mayDraft && isLatest && version.status !== 'DRAFT' && (
        <section aria-labelledby="wijzigen-titel">
          <Heading2 id="wijzigen-titel">Nieuwe versie</Heading2>
          <Paragraph>
            {version.status === 'OPEN_FOR_SIGNING'
              ? 'Wilt u iets veranderen? Maak een nieuwe versie. Deze versie vervalt dan, en alle partijen ondertekenen opnieuw.'
              : version.status === 'DECLINED'
                ? 'Deze versie is afgewezen. Maak een nieuwe versie met de nodige aanpassingen; alle partijen ondertekenen die opnieuw.'
                : 'Wilt u iets veranderen? Maak een nieuwe versie. Handtekeningen gaan niet mee: alle partijen ondertekenen opnieuw. Tot dan blijft de huidige definitieve versie gelden.'}
          </Paragraph>
          <Button
            appearance="secondary-action-button"
            type="button"
            busy={amending}
            onClick={() =>
              void act(async () => {
                await amend({ variables: { listId: list.id } });
                await navigate(`/actielijsten/${list.id}/bewerken`);
              }, 'Nieuwe versie gemaakt als concept.')
            }
          >
            Nieuwe versie maken
          </Button>
        </section>
      )}

      <Heading2>Versies</Heading2>
      <ol className="schakel-plain-list" data-testid="versions">
        {versions.map((v) => (
          <li key={v.id}>
            {v.id === version.id ? (
              <strong aria-current="true">Versie {v.version} (u bekijkt deze)</strong>
            ) : (
              <AppLink to={`/actielijsten/${list.id}?versie=${v.version}`}>Versie {v.version}</AppLink>
            )}
            : {ACTION_LIST_STATUS_LABEL[v.status].toLowerCase()} · vingerafdruk <code>{shortFingerprint(v.contentHash)}…</code>
          </li>
        ))}
      </ol>
      {params.get('versie') && (
        <Paragraph>
          <Button appearance="subtle-button" type="button" onClick={() => setParams({}, { replace: true })}>
            Naar de nieuwste versie
          </Button>
        </Paragraph>
      )}
      <Paragraph>
        <AppLink to="/actielijsten">Terug naar alle actielijsten</AppLink>
      </Paragraph>
    </>
  );
}
