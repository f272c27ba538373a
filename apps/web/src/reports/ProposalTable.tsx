import type { SimplificationProposalFieldsFragment } from '../api/generated';
import { PROPOSAL_STATUS_LABEL } from '../ui/labels';
import { ReportTable } from './ReportTable';

/** The vereenvoudigingsagenda as a table (with CSV), as both reports show it. */
export function ProposalTable({ id, proposals, title = 'Vereenvoudigingsagenda' }: { id: string; proposals: SimplificationProposalFieldsFragment[]; title?: string }) {
  return (
    <ReportTable
      id={id}
      title={title}
      columns={[{ label: 'Regel of systeem' }, { label: 'Voorstel' }, { label: 'Van' }, { label: 'Aan (eigenaar)' }, { label: 'Status' }, { label: 'Antwoord of reden' }, { label: 'Knelpunten', numeric: true }]}
      rows={proposals.map((p) => ({
        key: p.id,
        cells: [p.rule, p.proposal, p.author.name, p.owner.name, PROPOSAL_STATUS_LABEL[p.status], p.rejectionReason ?? p.response ?? '', p.bottlenecks.length],
      }))}
      empty="Nog geen voorstellen."
    />
  );
}
