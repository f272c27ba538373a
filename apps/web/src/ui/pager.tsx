import { Button } from '@utrecht/component-library-react';
import { useCallback, useState } from 'react';

/**
 * Keyset paging in the browser: the API gives an `endCursor` per page, so going back means
 * remembering the cursors of the pages before this one.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return {
    after: cursors[cursors.length - 1],
    hasPrevious: cursors.length > 1,
    next: useCallback((endCursor: string) => setCursors((c) => [...c, endCursor]), []),
    previous: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    /** Back to the first page, e.g. when a filter changes. */
    reset: useCallback(() => setCursors([null]), []),
  };
}

export function Pager({
  pages,
  pageInfo,
}: {
  pages: ReturnType<typeof useCursorPages>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | undefined;
}) {
  const endCursor = pageInfo?.hasNextPage ? pageInfo.endCursor : null;
  return (
    <nav className="schakel-pager" aria-label="Pagina's">
      {pages.hasPrevious && (
        <Button appearance="secondary-action-button" type="button" onClick={pages.previous}>
          Vorige pagina
        </Button>
      )}
      {endCursor && (
        <Button appearance="secondary-action-button" type="button" onClick={() => pages.next(endCursor)}>
          Volgende pagina
        </Button>
      )}
    </nav>
  );
}
