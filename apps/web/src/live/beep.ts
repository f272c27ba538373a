/** A short two-tone beep through WebAudio (no sound file to load); silently nothing where audio is not allowed. */
export function beep(): void {
  const AudioContextClass = globalThis.AudioContext;
  if (!AudioContextClass) return;
  try {
    const audio = new AudioContextClass();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.2, 660],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.18);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.18);
    }
    setTimeout(() => void audio.close().catch(() => undefined), 600);
  } catch {
    // No audio device or not allowed before a user gesture: the banner and the announcement remain.
  }
}

const SOUND_KEY = 'schakel.live.sound';

/** Whether the incoming sound is on (off unless the person turned it on on this device). */
export function soundPreference(): boolean {
  try {
    return globalThis.localStorage?.getItem(SOUND_KEY) === 'aan';
  } catch {
    return false;
  }
}

export function saveSoundPreference(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(SOUND_KEY, on ? 'aan' : 'uit');
  } catch {
    // Private mode: the choice holds for this page only.
  }
}
