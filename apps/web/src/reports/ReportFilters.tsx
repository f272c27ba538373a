import { useQuery } from '@apollo/client/react';
import { Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ActionListsDocument, type ReportScope } from '../api/generated';
import { useMe } from '../app/me';
import { SelectField, type Option } from '../ui/fields';
import { periodFromParams, periodProblem, type Period } from './period';

/** What a report is about, read from the address (so a report can be bookmarked and shared). */
export interface ReportFilter {
  period: Period;
  scope: ReportScope;
  actionListId: string | null;
}

export function useReportFilter(): ReportFilter {
  const [params] = useSearchParams();
  const actionListId = params.get('lijst');
  return { period: periodFromParams(params), scope: actionListId ? 'ACTION_LIST' : 'ORGANISATION', actionListId };
}

/** "Mijn organisatie" or a FINAL action list whose parties see each other's figures. */
export function useScopeOptions(): Option[] {
  const me = useMe();
  const { data } = useQuery(ActionListsDocument, { fetchPolicy: 'cache-first' });
  const lists = (data?.actionLists ?? []).filter((l) => l.finalVersion !== null);
  return [{ value: '', label: me.organisation.name }, ...lists.map((l) => ({ value: l.id, label: `Alle partijen van de actielijst "${l.title}"` }))];
}

function MonthField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: boolean }) {
  return (
    <FormField className="schakel-field" invalid={error}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      <FormFieldDescription id={`${id}-hulp`}>Jaar en maand, bijvoorbeeld 2026-01</FormFieldDescription>
      <input
        id={id}
        name={id}
        type="month"
        className="utrecht-textbox utrecht-textbox--html-input schakel-month"
        value={value}
        pattern="\d{4}-\d{2}"
        aria-describedby={`${id}-hulp${error ? ' periode-fout' : ''}`}
        aria-invalid={error || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormField>
  );
}

/**
 * The period (whole months) and, when asked, the grouping and whose figures: applied with a
 * button, not on every keystroke, so a screen reader user is not surprised by a changing page.
 */
export function ReportFilters({ extra, withScope = true }: { extra?: { id: string; label: string; param: string; value: string; options: Option[] }; withScope?: boolean }) {
  const [params, setParams] = useSearchParams();
  const current = periodFromParams(params);
  const scopeOptions = useScopeOptions();
  const [from, setFrom] = useState(current.from);
  const [to, setTo] = useState(current.to);
  const [list, setList] = useState(params.get('lijst') ?? '');
  const [grouping, setGrouping] = useState(extra?.value ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  function apply(e: FormEvent) {
    e.preventDefault();
    const p = periodProblem({ from, to });
    setProblem(p);
    if (p) {
      document.getElementById('periode-van')?.focus();
      return;
    }
    const next = new URLSearchParams(params);
    next.set('van', from);
    next.set('tot', to);
    if (list) next.set('lijst', list);
    else next.delete('lijst');
    if (extra) next.set(extra.param, grouping);
    setParams(next);
  }

  return (
    <form className="schakel-report-filters schakel-no-print" noValidate onSubmit={apply} aria-label="Periode en indeling">
      <fieldset className="schakel-period">
        <legend>Periode</legend>
        <MonthField id="periode-van" label="Van (maand)" value={from} onChange={setFrom} error={Boolean(problem)} />
        <MonthField id="periode-tot" label="Tot en met (maand)" value={to} onChange={setTo} error={Boolean(problem)} />
        {problem && (
          <FormFieldErrorMessage id="periode-fout" role="alert" className="schakel-field-error">
            {problem}
          </FormFieldErrorMessage>
        )}
      </fieldset>
      {withScope && scopeOptions.length > 1 && <SelectField id="rapport-voor" label="Cijfers van" required value={list} onChange={setList} options={scopeOptions} />}
      {extra && <SelectField id={extra.id} label={extra.label} required value={grouping} onChange={setGrouping} options={extra.options} />}
      <Button appearance="primary-action-button" type="submit">
        Toon rapportage
      </Button>
    </form>
  );
}
