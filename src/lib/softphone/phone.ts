import {
  Invitation,
  Inviter,
  type Referral,
  Registerer,
  RegistererState,
  type Session,
  SessionState,
  SIPExtension,
  UserAgent,
  UserAgentState,
} from "sip.js";
import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from "sip.js/lib/platform/web";
import type { QualitySample } from "./call-quality";
import { type CallEvent, CallState, isLive, nextCallState } from "./call-state";
import { audioSender, ConferenceMixer } from "./conference-mixer";
import { DIAL_STRING, dialUri, parseDialString } from "./dial-string";
import { type StatsCounters, sampleFromStats } from "./quality-sampler";
import {
  backoffDelay,
  type RecoveryTrigger,
  shouldForceReconnect,
  sleptBetween,
  WAKE_TICK_MS,
} from "./recovery-policy";
import { RegistrationState } from "./registration-state";

/** The signed-in user's SIP account, as GET /api/softphone/config returns it. */
export type PhoneAccount = {
  extension: string;
  displayName: string;
  uri: string;
  authorizationUsername: string;
  password: string;
};

export type PhoneOptions = {
  account: PhoneAccount;
  wsUrl: string;
  iceServers: RTCIceServer[];
  /** Where call-quality samples go (POST, JSON `{ samples }`); a 404 turns sending off quietly. */
  statsUrl?: string;
  delegate?: PhoneDelegate;
};

export interface PhoneDelegate {
  /** An INVITE arrived that needs the user (not an attended-transfer replacement). */
  onIncoming?(call: PhoneCall): void;
  /** A call left the phone; `answered` calls have a talk time. */
  onCallEnded?(call: PhoneCall): void;
}

/** One call as the UI sees it: a plain, immutable snapshot. */
export type PhoneCall = {
  id: string;
  direction: "in" | "out";
  /** The far end's number (SIP user part); shown escaped by React, dialed only if it passes the allowlist. */
  number: string;
  name: string | null;
  state: CallState;
  muted: boolean;
  startedAt: number;
  answeredAt: number | null;
  /** DTMF tones actually played out on the RTP stream (RTCDTMFSender tonechange). */
  dtmfSent: string;
  /** The call this one consults for (attended transfer). */
  consultOf: string | null;
  conference: boolean;
  /** Re-INVITE with ICE restart under way after a reconnect. */
  recovering: boolean;
  /** Audio packets received so far (getStats), so the UI and tests can see media flowing. */
  packetsReceived: number;
  endReason: string | null;
};

export type PhoneSnapshot = {
  registration: RegistrationState;
  /** Why the phone is in Error or Reconnecting, in words. */
  reason: string | null;
  calls: PhoneCall[];
};

type CallRecord = {
  view: PhoneCall;
  session: Session;
  audio: HTMLAudioElement | null;
  counters: StatsCounters | null;
  needsIceRestart: boolean;
  iceRetries: number;
  /** The far end's ICE username fragment when recovery began: a new one means ICE restarted. */
  remoteUfragAtCut: string | null;
  /** When our re-INVITE (ICE restart) went out; null when none is in flight. */
  reinviteSentAt: number | null;
};

const AUDIO_ONLY = { constraints: { audio: true, video: false } };
const MEDIA_TICK_MS = 1_000;
/** How often call-quality samples go to the server: one batch for all calls (the route takes one per 2 s). */
const STATS_INTERVAL_MS = 5_000;
/** A failed ICE restart (refused, crossed, or not sent) is retried this many times. */
const ICE_RESTART_RETRIES = 8;
/** How long the side that answered a call waits for the far end's ICE restart before its own. */
const CALLEE_RESTART_DELAY_MS = 1_500;
/** A re-INVITE with no final response after this long is taken as lost (Timer B is 32 s). */
const REINVITE_TIMEOUT_MS = 32_000;
/** How long an ended call stays on screen. */
const ENDED_LINGER_MS = 2_500;

/**
 * The browser phone: one SIP.js UserAgent and Registerer over the account's WebSocket, its calls
 * as a small store for React (`subscribe` / `getSnapshot`), and the self-healing: reconnect with
 * backoff, re-register, and re-INVITE live calls with an ICE restart.
 */
export class Softphone {
  private readonly options: PhoneOptions;
  private readonly domain: string;
  private delegate: PhoneDelegate | undefined;
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private records = new Map<string, CallRecord>();
  private snapshot: PhoneSnapshot = { registration: RegistrationState.Unregistered, reason: null, calls: [] };
  private listeners = new Set<() => void>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private connecting = false;
  private everRegistered = false;
  private stopped = false;
  private lastRegisteredAt = 0;
  private lastTick = Date.now();
  private ticks = 0;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private wakeTimer: ReturnType<typeof setInterval> | null = null;
  private statsEnabled = true;
  private mixer: { ids: [string, string]; mixer: ConferenceMixer } | null = null;
  private seq = 0;
  private readonly onOnline = () => void this.recover("online");
  private readonly onVisible = () => {
    if (document.visibilityState === "visible") void this.recover("visible");
  };

  constructor(options: PhoneOptions) {
    this.options = options;
    const uri = UserAgent.makeURI(options.account.uri);
    if (!uri) throw new Error("The SIP account's URI is not valid.");
    this.domain = uri.host;
    this.delegate = options.delegate;
  }

  setDelegate(delegate: PhoneDelegate | undefined): void {
    this.delegate = delegate;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PhoneSnapshot => this.snapshot;

  /** Opens the WebSocket and registers; failures are retried with backoff, never thrown. */
  start(): void {
    if (this.ua) return;
    const { account, wsUrl, iceServers } = this.options;
    this.ua = new UserAgent({
      uri: UserAgent.makeURI(account.uri),
      authorizationUsername: account.authorizationUsername,
      authorizationPassword: account.password,
      displayName: account.displayName,
      transportOptions: { server: wsUrl, connectionTimeout: 5 },
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers },
        // Host candidates on a LAN come in milliseconds; don't hold an INVITE for slow STUN.
        iceGatheringTimeout: 1000,
      },
      sipExtensionReplaces: SIPExtension.Supported,
      // "<extension>-<tab id>": a proxy can tell whose contact it is, and each tab stays distinct.
      contactName: `${account.extension}-${randomId()}`,
      userAgentString: "Switchboard softphone",
      logLevel: "error",
      delegate: {
        onConnect: () => this.onConnect(),
        onDisconnect: (error) => this.onDisconnect(error),
        onInvite: (invitation) => this.onInvite(invitation),
      },
    });
    this.registerer = new Registerer(this.ua, { expires: 300 });
    this.registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) this.onRegistered();
      else if (state === RegistererState.Unregistered && !this.stopped && this.ua?.isConnected()) {
        this.setRegistration(RegistrationState.Registering, null);
      }
    });
    window.addEventListener("online", this.onOnline);
    document.addEventListener("visibilitychange", this.onVisible);
    this.wakeTimer = setInterval(() => {
      const now = Date.now();
      if (sleptBetween(this.lastTick, now)) void this.recover("wake");
      this.lastTick = now;
    }, WAKE_TICK_MS);
    this.tickTimer = setInterval(() => void this.mediaTick(), MEDIA_TICK_MS);
    this.setRegistration(RegistrationState.Registering, null);
    void this.connect();
  }

  /** Hangs up, unregisters and closes the WebSocket. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.wakeTimer) clearInterval(this.wakeTimer);
    window.removeEventListener("online", this.onOnline);
    document.removeEventListener("visibilitychange", this.onVisible);
    for (const rec of this.records.values()) await this.end(rec).catch(() => {});
    await this.registerer?.unregister().catch(() => {});
    await this.ua?.stop().catch(() => {});
    this.setRegistration(RegistrationState.Unregistered, null);
  }

  /** Retry now (the user clicked "Reconnect"). */
  retry(): void {
    this.attempt = 0;
    void this.recover("online");
  }

  // ── Calls ─────────────────────────────────────────────────────────────────────────────────

  /** Dials a number that passes the dial-string allowlist; returns the new call's id. */
  dial(input: string, consultOf: string | null = null): string {
    const check = parseDialString(input);
    if (!check.ok) throw new PhoneError(check.error);
    if (!this.ua || this.snapshot.registration !== RegistrationState.Registered) {
      throw new PhoneError("The phone is not registered yet.");
    }
    const target = UserAgent.makeURI(dialUri(check.number, this.domain));
    if (!target) throw new PhoneError("That number cannot be dialed.");
    const inviter = new Inviter(this.ua, target, { sessionDescriptionHandlerOptions: AUDIO_ONLY });
    const rec = this.track(inviter, "out", check.number, null, consultOf);
    this.apply(rec, "dial");
    inviter
      .invite({
        requestDelegate: {
          onReject: (response) => {
            rec.view = { ...rec.view, endReason: describeResponse(response.message) };
          },
        },
      })
      .catch((error: Error) => {
        rec.view = { ...rec.view, endReason: error.message };
        this.apply(rec, "end");
      });
    return rec.view.id;
  }

  answer(id: string): void {
    const rec = this.get(id);
    if (!(rec.session instanceof Invitation) || rec.view.state !== CallState.Ringing) return;
    this.apply(rec, "answer");
    rec.session.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY }).catch((error: Error) => {
      rec.view = { ...rec.view, endReason: `Could not answer: ${error.message}` };
      this.apply(rec, "end");
    });
  }

  decline(id: string): void {
    const rec = this.get(id);
    if (rec.session instanceof Invitation && rec.session.state === SessionState.Initial) {
      void rec.session.reject({ statusCode: 486 }).catch(() => {});
    }
  }

  async hangup(id: string): Promise<void> {
    await this.end(this.get(id));
  }

  async hold(id: string): Promise<void> {
    await this.setHold(this.get(id), true);
  }

  async resume(id: string): Promise<void> {
    await this.setHold(this.get(id), false);
  }

  mute(id: string, muted: boolean): void {
    const rec = this.get(id);
    const ids = this.mixer?.ids.includes(id) ? this.mixer.ids : [id];
    for (const callId of ids) {
      const r = this.records.get(callId);
      if (!r) continue;
      for (const t of micTracks(r)) t.enabled = !muted;
      this.update(r, { muted });
    }
    if (!ids.includes(rec.view.id)) this.update(rec, { muted });
  }

  /** One RFC 4733 tone (telephone-event) on the call's RTP stream. */
  sendDtmf(id: string, tone: string): void {
    if (!/^[0-9*#A-D]$/.test(tone)) throw new PhoneError("DTMF tones are 0–9, *, # and A–D.");
    const rec = this.get(id);
    const sdh = sdhOf(rec);
    if (rec.view.state !== CallState.InCall || !sdh) throw new PhoneError("Tones need a call in progress.");
    // insertDTMF *replaces* the sender's tone buffer, so quick presses would drop the tones still
    // waiting to play: queue behind them instead.
    const pending = sdh.peerConnection?.getSenders()[0]?.dtmf?.toneBuffer ?? "";
    if (!sdh.sendDtmf(pending + tone, { duration: 120, interToneGap: 70 })) {
      throw new PhoneError("The far end did not negotiate DTMF (telephone-event).");
    }
  }

  /** Blind transfer (REFER) to a number that passes the allowlist. */
  async blindTransfer(id: string, input: string): Promise<void> {
    const check = parseDialString(input);
    if (!check.ok) throw new PhoneError(check.error);
    const rec = this.get(id);
    const target = UserAgent.makeURI(dialUri(check.number, this.domain));
    if (!target) throw new PhoneError("That number cannot be dialed.");
    await this.refer(rec, target);
  }

  /** Attended transfer, step 1: holds the call and dials the consultation call. */
  async consult(id: string, input: string): Promise<string> {
    const rec = this.get(id);
    if (rec.view.state === CallState.InCall) await this.setHold(rec, true);
    return this.dial(input, id);
  }

  /** Attended transfer, step 2: REFER the held call to the consulted party (Refer-To with Replaces). */
  async completeTransfer(consultId: string): Promise<void> {
    const consult = this.get(consultId);
    const original = consult.view.consultOf ? this.records.get(consult.view.consultOf) : undefined;
    if (!original) throw new PhoneError("The call being transferred has ended.");
    if (consult.session.state !== SessionState.Established) {
      throw new PhoneError("Wait until the consulted party answers, or transfer blind.");
    }
    await this.refer(original, consult.session);
  }

  /** Attended transfer, cancel: hangs up the consultation and resumes the held call. */
  async cancelConsult(consultId: string): Promise<void> {
    const consult = this.get(consultId);
    const originalId = consult.view.consultOf;
    await this.end(consult);
    const original = originalId ? this.records.get(originalId) : undefined;
    if (original?.view.state === CallState.OnHold) await this.setHold(original, false);
  }

  /** 3-way conference: both calls resumed and mixed locally, so each far end hears the other. */
  async merge(aId: string, bId: string): Promise<void> {
    if (this.mixer) throw new PhoneError("A conference is already running.");
    const a = this.get(aId);
    const b = this.get(bId);
    for (const r of [a, b]) {
      if (r.view.state === CallState.OnHold) await this.setHold(r, false);
      if (r.view.state !== CallState.InCall)
        throw new PhoneError("Both calls must be answered to conference.");
    }
    const legA = mixLeg(a);
    const legB = mixLeg(b);
    if (!legA || !legB) throw new PhoneError("A call has no audio to conference.");
    const mixer = new ConferenceMixer(legA, legB);
    await mixer.start();
    this.mixer = { ids: [aId, bId], mixer };
    for (const r of [a, b]) this.update(r, { conference: true, consultOf: null });
  }

  // ── Recovery ──────────────────────────────────────────────────────────────────────────────

  /**
   * After `online`, a wake from sleep or a tab becoming visible: replaces a WebSocket that may be
   * dead, re-registers, and (once registered) restarts ICE on live calls.
   */
  async recover(trigger: RecoveryTrigger): Promise<void> {
    const ua = this.ua;
    if (!ua || this.stopped) return;
    const open = ua.isConnected();
    if (!shouldForceReconnect(trigger, open, Date.now() - this.lastRegisteredAt, 300_000)) return;
    this.markLiveCallsForIceRestart();
    this.attempt = 0;
    this.setRegistration(RegistrationState.Reconnecting, recoveryReason(trigger));
    if (open) await ua.transport.disconnect().catch(() => {});
    await this.connect();
  }

  private async connect(): Promise<void> {
    const ua = this.ua;
    if (!ua || this.stopped || this.connecting) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connecting = true;
    try {
      if (ua.state === UserAgentState.Started) await ua.reconnect();
      else await ua.start();
    } catch (error) {
      this.scheduleRetry(`Cannot reach ${this.options.wsUrl}: ${(error as Error).message}`);
    } finally {
      this.connecting = false;
    }
  }

  private scheduleRetry(reason: string) {
    if (this.stopped || this.retryTimer) return;
    const delay = backoffDelay(this.attempt++);
    const state = this.everRegistered ? RegistrationState.Reconnecting : RegistrationState.Error;
    this.setRegistration(state, `${reason} Retrying in ${(delay / 1000).toFixed(1)} s.`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private onConnect() {
    this.setRegistration(RegistrationState.Registering, null);
    this.registerer
      ?.register({
        requestDelegate: {
          // A re-REGISTER after a reconnect leaves the Registerer's state as it was (Registered),
          // so no stateChange fires: the 200 OK itself says we are back.
          onAccept: () => this.onRegistered(),
          onReject: (response) => {
            this.setRegistration(
              RegistrationState.Error,
              `Registration refused: ${describeResponse(response.message)}.`,
            );
          },
        },
      })
      .catch((error: Error) => this.setRegistration(RegistrationState.Error, error.message));
  }

  private onRegistered() {
    this.attempt = 0;
    this.everRegistered = true;
    this.lastRegisteredAt = Date.now();
    this.setRegistration(RegistrationState.Registered, null);
    for (const rec of this.records.values()) if (rec.needsIceRestart) this.scheduleIceRestart(rec);
  }

  private onDisconnect(error?: Error) {
    if (this.stopped) return;
    this.markLiveCallsForIceRestart();
    // No error: we closed it ourselves (recover), and connect() is already on its way.
    if (error) this.scheduleRetry("The connection to the SIP server was lost.");
  }

  private markLiveCallsForIceRestart() {
    for (const rec of this.records.values()) {
      if (isLive(rec.view.state)) {
        rec.needsIceRestart = true;
        rec.iceRetries = 0;
        if (!rec.view.recovering) rec.remoteUfragAtCut = remoteIceUfrag(rec);
        this.update(rec, { recovering: true });
      }
    }
  }

  /**
   * Both ends of a browser-to-browser call come back at the same moment, and two re-INVITEs
   * crossing make both fail. So the side that placed the call restarts ICE at once, and the side
   * that answered waits a little: usually the far end's restart reaches it first and restarts its
   * side too (onRemoteReinvite), and it sends nothing. A PBX never restarts ICE itself, so
   * against Asterisk the wait only delays an answered call's own restart.
   */
  private scheduleIceRestart(rec: CallRecord) {
    if (rec.view.direction === "out") return void this.iceRestart(rec);
    setTimeout(() => {
      if (rec.needsIceRestart) void this.iceRestart(rec);
    }, CALLEE_RESTART_DELAY_MS);
  }

  private async iceRestart(rec: CallRecord) {
    if (!isLive(rec.view.state) || rec.session.state !== SessionState.Established) return;
    rec.needsIceRestart = false;
    const hold = rec.view.state === CallState.OnHold;
    const retry = (delay: number) => {
      if (rec.iceRetries++ >= ICE_RESTART_RETRIES) return this.update(rec, { recovering: false });
      rec.needsIceRestart = true;
      setTimeout(() => {
        if (rec.needsIceRestart) void this.iceRestart(rec);
      }, delay);
    };
    if (rec.reinviteSentAt !== null && Date.now() - rec.reinviteSentAt < REINVITE_TIMEOUT_MS) {
      return retry(300 + Math.random() * 700);
    }
    await rollbackLocalOffer(rec);
    rec.reinviteSentAt = Date.now();
    try {
      await rec.session.invite({
        sessionDescriptionHandlerOptions: reinvite(hold, true),
        requestDelegate: {
          onAccept: () => {
            rec.reinviteSentAt = null;
            rec.iceRetries = 0;
            this.update(rec, { recovering: false });
          },
          onReject: (response) => {
            rec.reinviteSentAt = null;
            // 491: both ends restarted at once (glare); RFC 3261 says retry after a random wait.
            // Anything else (the far end is itself reconnecting, a proxy lost its connection):
            // try a few more times, 1 s apart, before giving up.
            retry(response.message.statusCode === 491 ? 300 + Math.random() * 1200 : 1000);
          },
        },
      });
    } catch {
      // The offer could not be made or sent (a re-INVITE from the far end crossed ours).
      rec.reinviteSentAt = null;
      retry(300 + Math.random() * 700);
    }
  }

  /**
   * The far end restarted ICE first (its re-INVITE, which we answered, carried new ICE
   * credentials): that restarts our side too, so our own re-INVITE is not needed.
   */
  private onRemoteReinvite(rec: CallRecord) {
    if (!rec.view.recovering) return;
    const ufrag = remoteIceUfrag(rec);
    if (ufrag === null || ufrag === rec.remoteUfragAtCut) return;
    rec.needsIceRestart = false;
    this.update(rec, { recovering: false });
  }

  // ── Sessions ──────────────────────────────────────────────────────────────────────────────

  private onInvite(invitation: Invitation) {
    const identity = invitation.remoteIdentity;
    const number = identity.uri.user ?? "";
    const name = identity.displayName || null;
    const replaced = invitation.replacee ? this.recordOf(invitation.replacee) : undefined;
    const rec = this.track(invitation, "in", number, name, null);
    this.apply(rec, "incoming");
    if (replaced) {
      // Attended transfer to us: the INVITE replaces a call we already have; SIP.js sends the
      // replaced call its BYE once we accept.
      this.answer(rec.view.id);
      return;
    }
    this.delegate?.onIncoming?.(rec.view);
  }

  private track(
    session: Session,
    direction: "in" | "out",
    number: string,
    name: string | null,
    consultOf: string | null,
  ): CallRecord {
    const id = `call-${++this.seq}`;
    const rec: CallRecord = {
      session,
      audio: null,
      counters: null,
      needsIceRestart: false,
      iceRetries: 0,
      remoteUfragAtCut: null,
      reinviteSentAt: null,
      view: {
        id,
        direction,
        number,
        name,
        state: CallState.Idle,
        muted: false,
        startedAt: Date.now(),
        answeredAt: null,
        dtmfSent: "",
        consultOf,
        conference: false,
        recovering: false,
        packetsReceived: 0,
        endReason: null,
      },
    };
    this.records.set(id, rec);
    session.delegate = {
      onRefer: (referral) => void this.onRefer(rec, referral),
      onAck: () => this.onRemoteReinvite(rec),
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) this.onEstablished(rec);
      if (state === SessionState.Terminated) this.onTerminated(rec);
    });
    return rec;
  }

  private onEstablished(rec: CallRecord) {
    if (rec.view.state === CallState.InCall || rec.view.state === CallState.OnHold) return;
    this.apply(rec, "established");
    this.update(rec, { answeredAt: Date.now() });
    const sdh = sdhOf(rec);
    if (!sdh) return;
    const audio = new Audio();
    audio.autoplay = true;
    audio.srcObject = sdh.remoteMediaStream;
    void audio.play().catch(() => {});
    rec.audio = audio;
    const dtmf = sdh.peerConnection?.getSenders()[0]?.dtmf;
    if (dtmf) {
      dtmf.addEventListener("tonechange", (e) => {
        const tone = (e as RTCDTMFToneChangeEvent).tone;
        if (tone) this.update(rec, { dtmfSent: (rec.view.dtmfSent + tone).slice(-32) });
      });
    }
  }

  private onTerminated(rec: CallRecord) {
    this.apply(rec, "end");
    rec.audio?.pause();
    if (rec.audio) rec.audio.srcObject = null;
    rec.audio = null;
    if (this.mixer?.ids.includes(rec.view.id)) {
      const { mixer, ids } = this.mixer;
      this.mixer = null;
      void mixer.stop();
      for (const other of ids) {
        const r = this.records.get(other);
        if (r && r !== rec) this.update(r, { conference: false });
      }
    }
    this.delegate?.onCallEnded?.(rec.view);
    setTimeout(() => {
      this.records.delete(rec.view.id);
      this.publish();
    }, ENDED_LINGER_MS);
  }

  /**
   * We are the transferee: a REFER asks us to call someone else. A blind transfer names a
   * number, which must pass the dial-string allowlist. An attended one names the target's
   * Contact with a Replaces header, so the new call takes over the transferor's consultation
   * dialog; the number shown is then the Refer-To display name when it is a number.
   */
  private async onRefer(rec: CallRecord, referral: Referral) {
    const user = referral.referTo.uri.user ? safeDecode(referral.referTo.uri.user) : "";
    const attended = Boolean(referral.replaces);
    if (!DIAL_STRING.test(user) && !attended) {
      await referral.reject({ statusCode: 403 }).catch(() => {});
      return;
    }
    // What to show: the number itself, else the Refer-To display name, else the extension our
    // own phones put before the "-" of their Contact user.
    const candidates = [
      user,
      (referral.referTo.displayName ?? "").replace(/^"|"$/g, "").trim(),
      user.split("-")[0],
    ];
    const shown = candidates.find((n) => n && DIAL_STRING.test(n)) ?? "";
    await referral.accept();
    const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    const next = this.track(inviter, "out", shown, null, null);
    this.apply(next, "dial");
    inviter.invite().catch(() => this.apply(next, "end"));
    if (rec.session.state === SessionState.Established) await rec.session.bye().catch(() => {});
  }

  private async refer(rec: CallRecord, target: NonNullable<ReturnType<typeof UserAgent.makeURI>> | Session) {
    if (rec.session.state !== SessionState.Established)
      throw new PhoneError("Only an answered call can be transferred.");
    this.apply(rec, "transfer");
    await new Promise<void>((resolve, reject) => {
      rec.session
        .refer(target, {
          requestDelegate: {
            onAccept: () => {
              // 202: the far end takes it from here; our leg is done.
              if (rec.session.state === SessionState.Established) void rec.session.bye().catch(() => {});
              resolve();
            },
            onReject: (response) => {
              this.apply(rec, "transferFailed");
              reject(new PhoneError(`Transfer refused: ${describeResponse(response.message)}.`));
            },
          },
          onNotify: (notification) => void notification.accept().catch(() => {}),
        })
        .catch((error: Error) => {
          this.apply(rec, "transferFailed");
          reject(new PhoneError(error.message));
        });
    });
  }

  private async setHold(rec: CallRecord, hold: boolean) {
    const want = hold ? CallState.OnHold : CallState.InCall;
    if (rec.view.state === want) return;
    if (rec.session.state !== SessionState.Established) throw new PhoneError("The call is not answered.");
    if (rec.reinviteSentAt === null) await rollbackLocalOffer(rec);
    const options = reinvite(hold, false);
    // Re-INVITEs the far end sends meanwhile are answered with the same hold direction.
    rec.session.sessionDescriptionHandlerOptionsReInvite = options;
    await new Promise<void>((resolve, reject) => {
      rec.session
        .invite({
          sessionDescriptionHandlerOptions: options,
          requestDelegate: {
            onAccept: () => {
              this.apply(rec, hold ? "hold" : "resume");
              resolve();
            },
            onReject: (response) =>
              reject(
                new PhoneError(`${hold ? "Hold" : "Resume"} refused: ${describeResponse(response.message)}.`),
              ),
          },
        })
        .catch((error: Error) => reject(new PhoneError(error.message)));
    });
  }

  private async end(rec: CallRecord) {
    const s = rec.session;
    if (s.state === SessionState.Terminated || s.state === SessionState.Terminating) return;
    if (s instanceof Inviter && s.state !== SessionState.Established) {
      await s.cancel().catch(() => {});
    } else if (s instanceof Invitation && s.state !== SessionState.Established) {
      await s.reject().catch(() => {});
    } else {
      await s.bye().catch(() => {});
    }
  }

  // ── Media statistics ──────────────────────────────────────────────────────────────────────

  private async mediaTick() {
    this.ticks++;
    const post = this.ticks % Math.round(STATS_INTERVAL_MS / MEDIA_TICK_MS) === 0;
    const samples: QualitySample[] = [];
    for (const rec of this.records.values()) {
      if (!isLive(rec.view.state)) continue;
      const pc = sdhOf(rec)?.peerConnection;
      if (!pc) continue;
      const report = await pc.getStats().catch(() => null);
      if (!report) continue;
      const entries = [...report.values()] as { type?: string; [k: string]: unknown }[];
      const received = entries
        .filter((s) => s.type === "inbound-rtp" && (s.kind ?? "audio") === "audio")
        .reduce((n, s) => n + (typeof s.packetsReceived === "number" ? s.packetsReceived : 0), 0);
      if (received !== rec.view.packetsReceived) this.update(rec, { packetsReceived: received });
      if (!post) continue;
      const { sample, counters } = sampleFromStats(report, callIdOf(rec.session), Date.now(), rec.counters);
      rec.counters = counters;
      samples.push(sample);
    }
    if (post && samples.length > 0) await this.postStats(samples);
  }

  private async postStats(samples: QualitySample[]) {
    if (!this.statsEnabled || !this.options.statsUrl) return;
    try {
      const res = await fetch(this.options.statsUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ samples }),
        keepalive: true,
      });
      // Not deployed here (yet): stop asking for this page's lifetime, quietly.
      if (res.status === 404) this.statsEnabled = false;
    } catch {
      // Offline: the recovery path deals with that; a lost sample is not worth a message.
    }
  }

  // ── Store ─────────────────────────────────────────────────────────────────────────────────

  private get(id: string): CallRecord {
    const rec = this.records.get(id);
    if (!rec) throw new PhoneError("That call has ended.");
    return rec;
  }

  private recordOf(session: Session): CallRecord | undefined {
    for (const rec of this.records.values()) if (rec.session === session) return rec;
    return undefined;
  }

  private apply(rec: CallRecord, event: CallEvent) {
    const next = nextCallState(rec.view.state, event);
    if (next) this.update(rec, { state: next });
  }

  private update(rec: CallRecord, patch: Partial<PhoneCall>) {
    rec.view = { ...rec.view, ...patch };
    this.publish();
  }

  private setRegistration(registration: RegistrationState, reason: string | null) {
    if (this.snapshot.registration === registration && this.snapshot.reason === reason) return;
    this.snapshot = { ...this.snapshot, registration, reason };
    this.emit();
  }

  private publish() {
    this.snapshot = { ...this.snapshot, calls: [...this.records.values()].map((r) => r.view) };
    this.emit();
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

/** A refusal the UI shows as it is. */
export class PhoneError extends Error {
  override name = "PhoneError";
}

/** Options for our re-INVITEs: hold direction, and an ICE restart after a reconnect. */
function reinvite(hold: boolean, iceRestart: boolean): SessionDescriptionHandlerOptions {
  return { ...AUDIO_ONLY, hold, ...(iceRestart ? { offerOptions: { iceRestart: true } } : {}) };
}

function sdhOf(rec: CallRecord): SessionDescriptionHandler | undefined {
  return rec.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
}

/**
 * SIP.js's web SessionDescriptionHandler has no rollbackDescription, so an offer whose re-INVITE
 * failed or never left stays applied (signaling state have-local-offer) and every later offer
 * fails with "Invalid signaling state". Roll it back before making a new one.
 */
async function rollbackLocalOffer(rec: CallRecord) {
  const pc = sdhOf(rec)?.peerConnection;
  if (pc?.signalingState !== "have-local-offer") return;
  await pc.setLocalDescription({ type: "rollback" }).catch(() => {});
}

function remoteIceUfrag(rec: CallRecord): string | null {
  const sdp = sdhOf(rec)?.peerConnection?.remoteDescription?.sdp ?? "";
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] ?? null;
}

function micTracks(rec: CallRecord): MediaStreamTrack[] {
  return sdhOf(rec)?.localMediaStream.getAudioTracks() ?? [];
}

function mixLeg(rec: CallRecord) {
  const sdh = sdhOf(rec);
  const pc = sdh?.peerConnection;
  const [micTrack] = micTracks(rec);
  if (!sdh || !pc || !micTrack || !audioSender(pc)) return null;
  return { peerConnection: pc, micTrack, remoteStream: sdh.remoteMediaStream };
}

function callIdOf(session: Session): string {
  if (session instanceof Inviter) return session.request.callId;
  if (session instanceof Invitation) return session.request.callId;
  return session.id;
}

function describeResponse(message: { statusCode?: number; reasonPhrase?: string }): string {
  return `${message.statusCode ?? "?"} ${message.reasonPhrase ?? ""}`.trim();
}

function recoveryReason(trigger: RecoveryTrigger): string {
  switch (trigger) {
    case "online":
      return "The network is back: reconnecting.";
    case "wake":
      return "Woke from sleep: reconnecting.";
    case "visible":
      return "Reconnecting.";
    default:
      return "The connection to the SIP server was lost.";
  }
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return "";
  }
}
