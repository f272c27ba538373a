import type { ApolloClient } from '@apollo/client';
import { CallbackLetterPdfDocument } from '../api/generated';
import { base64ToBytes, download } from '../action-lists/present';

/** Fetches the afsprakenbriefje as PDF (GraphQL, ids only in the request body) and offers it to save. */
export async function downloadCallbackLetterPdf(client: ApolloClient, bookingId: string, reference: string): Promise<void> {
  const result = await client.query({ query: CallbackLetterPdfDocument, variables: { bookingId }, fetchPolicy: 'network-only' });
  if (!result.data) throw result.error ?? new Error('Geen PDF ontvangen.');
  download(`afsprakenbriefje-${reference}.pdf`, base64ToBytes(result.data.callbackLetterPdf), 'application/pdf');
}
