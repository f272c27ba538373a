import '@utrecht/component-library-css/dist/index.css';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import './theme/schakel.css';
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createSchakelClient } from './api/client';
import { App } from './app/App';
import { SessionProvider } from './auth/session';
import { AnnouncerProvider } from './ui/announcer';

const client = createSchakelClient();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ApolloProvider client={client.apollo}>
      <BrowserRouter>
        <SessionProvider client={client}>
          <AnnouncerProvider>
            <App />
          </AnnouncerProvider>
        </SessionProvider>
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);
