import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

const KEEP = 5;

/**
 * One polite live log for the whole app: status changes that arrive live (a new melding, a
 * handoff accepted elsewhere) are read out by screen readers without moving focus. Each message
 * is a new line, so two that arrive together are both read.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Array<{ id: number; text: string }>>([]);
  const next = useRef(0);
  const announce = useCallback((text: string) => {
    next.current += 1;
    const id = next.current;
    setMessages((list) => [...list, { id, text }].slice(-KEEP));
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="schakel-visually-hidden" role="log" aria-live="polite" aria-relevant="additions" data-testid="live-region">
        {messages.map((m) => (
          <p key={m.id}>{m.text}</p>
        ))}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
