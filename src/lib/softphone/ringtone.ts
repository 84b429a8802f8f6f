/**
 * The ringtone, synthesised with WebAudio (no audio file to ship): 440 + 480 Hz for 2 s, then
 * 4 s of silence, repeated. Browsers only let an AudioContext play after a user gesture on the
 * page; before that `start` stays silent and the desktop notification carries the alert.
 */
export class Ringtone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    if (this.timer) return;
    try {
      this.context ??= new AudioContext();
      void this.context.resume().catch(() => {});
    } catch {
      return;
    }
    const ring = () => this.burst(2);
    ring();
    this.timer = setInterval(ring, 6000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.context?.suspend().catch(() => {});
  }

  get playing(): boolean {
    return this.timer !== null;
  }

  private burst(seconds: number) {
    const ctx = this.context;
    if (!ctx || ctx.state === "closed") return;
    const gain = ctx.createGain();
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(0.15, t + 0.05);
    gain.gain.setValueAtTime(0.15, t + seconds - 0.05);
    gain.gain.linearRampToValueAtTime(0, t + seconds);
    gain.connect(ctx.destination);
    for (const hz of [440, 480]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(t);
      osc.stop(t + seconds);
    }
  }
}
