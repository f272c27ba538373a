const ZONE = 'Europe/Amsterdam';

const dayFormat = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'short', timeZone: ZONE });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: ZONE });
const fullFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE });

/** "di 3 dec" (no abbreviation dots: easier to read aloud). */
export function shortDay(iso: string): string {
  return dayFormat.format(new Date(iso)).replace(/\./g, '');
}

/** "di 3 dec 17:00". */
export function dayAndTime(iso: string): string {
  return `${shortDay(iso)} ${timeFormat.format(new Date(iso))}`;
}

/** "3 december 2026 om 17:00", for screen readers and titles. */
export function fullDate(iso: string): string {
  return fullFormat.format(new Date(iso));
}

/** How long ago: "zojuist", "5 minuten geleden", "3 uur geleden", "2 dagen geleden". */
export function ago(iso: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'zojuist';
  if (minutes < 60) return minutes === 1 ? '1 minuut geleden' : `${minutes} minuten geleden`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} uur geleden`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 dag geleden' : `${days} dagen geleden`;
}
