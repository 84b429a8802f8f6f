/**
 * The browser side of `npm run bench:softphone`: SIP.js (the package the phone uses) in a page,
 * driven by the bench through `window.softphoneBench`. Every figure is taken with the page's
 * performance.now(), so Playwright's round trips are not in them.
 */
import {
  Inviter,
  Registerer,
  RegistererState,
  type Session,
  SessionState,
  UserAgent,
  UserAgentState,
} from "sip.js";
import { qualityReport } from "@/lib/softphone/call-quality";
import { sampleFromStats } from "@/lib/softphone/quality-sampler";

type Account = { wsUrl: string; user: string; password: string; domain: string };

let ua: UserAgent | null = null;
let registerer: Registerer | null = null;
/** performance.now() when the last INVITE left the page (the transport's send). */
let inviteSentAt: number | null = null;
/** Registered-again waiters (re-register after a drop). */
let onRegistered: (() => void) | null = null;
/** Reconnection: attempts made after the last drop. */
let reconnects = 0;

function waitFor<T>(
  what: string,
  ms: number,
  start: (done: (value: T) => void, fail: (e: Error) => void) => void,
) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    start(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/**
 * Starts a user agent (WebSocket connect) and registers. Resolves with the ms from start() to
 * the REGISTER's 200 OK (RegistererState.Registered), and the WebSocket connect's share of it.
 */
async function register(account: Account): Promise<{ registerMs: number; connectMs: number }> {
  await stop();
  const uri = UserAgent.makeURI(`sip:${account.user}@${account.domain}`);
  if (!uri) throw new Error("bad SIP URI");
  const agent = new UserAgent({
    uri,
    transportOptions: { server: account.wsUrl, traceSip: false },
    authorizationUsername: account.user,
    authorizationPassword: account.password,
    logBuiltinEnabled: false,
    // No STUN/TURN on loopback: ICE gathering is host candidates only.
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } },
    delegate: {
      // The phone's recovery in its simplest form: reconnect at once, then every 250 ms, and
      // re-register as soon as the transport is back.
      onDisconnect: (error) => {
        if (!error) return;
        const retry = () => {
          if (!ua || ua.state === UserAgentState.Stopped) return;
          reconnects += 1;
          ua.reconnect().catch(() => setTimeout(retry, 250));
        };
        retry();
      },
      // SIP.js keeps the Registerer "Registered" across a drop: re-register whenever the
      // transport comes back, and count the 200 OK as the recovery.
      onConnect: () => {
        if (registerer)
          void sendRegister().then(
            () => onRegistered?.(),
            () => {},
          );
      },
    },
  });
  ua = agent;
  const send = agent.transport.send.bind(agent.transport);
  agent.transport.send = (message: string) => {
    if (message.startsWith("INVITE ")) inviteSentAt ??= performance.now();
    return send(message);
  };
  const started = performance.now();
  await agent.start();
  const connectMs = performance.now() - started;
  registerer = new Registerer(agent, { expires: 300 });
  await sendRegister();
  if (registerer.state !== RegistererState.Registered) throw new Error(`Registerer is ${registerer.state}`);
  return { registerMs: performance.now() - started, connectMs };
}

/** One REGISTER: resolves on its 2xx, rejects on a final failure or after 10 s. */
function sendRegister(): Promise<void> {
  const current = registerer;
  if (!current) return Promise.reject(new Error("no registerer"));
  return waitFor<void>("REGISTER 200 OK", 10_000, (done, fail) => {
    current
      .register({
        requestDelegate: {
          onAccept: () => done(),
          onReject: (r) => fail(new Error(`REGISTER answered ${r.message.statusCode}`)),
        },
      })
      .catch(fail);
  });
}

/**
 * Calls `target` (an extension that answers, e.g. the echo test) and hangs up once it is
 * established. Resolves with the ms from the INVITE leaving the page to Established (200 OK
 * received and ACKed), and from invite() (media and ICE setup included) to Established.
 */
async function call(
  target: string,
  domain: string,
): Promise<{ setupMs: number; totalMs: number; mediaMs: number | null; qualityOk: boolean }> {
  if (!ua) throw new Error("not registered");
  const uri = UserAgent.makeURI(`sip:${target}@${domain}`);
  if (!uri) throw new Error("bad target");
  const inviter = new Inviter(ua, uri, {
    sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
  });
  inviteSentAt = null;
  const started = performance.now();
  const established = waitFor<number>("Established", 10_000, (done, fail) => {
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) done(performance.now());
      if (state === SessionState.Terminated) fail(new Error("call ended before it was established"));
    });
  });
  await inviter.invite();
  const at = await established;
  if (inviteSentAt === null) throw new Error("no INVITE seen on the transport");
  const mediaMs = await mediaConnected(inviter, at);
  const result = {
    setupMs: at - inviteSentAt,
    totalMs: at - started,
    mediaMs,
    qualityOk: await qualitySampleOk(inviter),
  };
  await hangup(inviter);
  return result;
}

/**
 * Ms from Established until the peer connection is connected (ICE and DTLS done: audio can
 * flow), or null when it isn't within 5 s. A setup time means little if media never comes.
 */
async function mediaConnected(session: Session, since: number): Promise<number | null> {
  const handler = session.sessionDescriptionHandler as unknown as { peerConnection?: RTCPeerConnection };
  const pc = handler?.peerConnection;
  if (!pc) return null;
  if (pc.connectionState === "connected") return 0;
  return waitFor<number | null>("media", 5_000, (done) => {
    pc.addEventListener("connectionstatechange", () => {
      if (pc.connectionState === "connected") done(performance.now() - since);
      if (pc.connectionState === "failed") done(null);
    });
  }).catch(() => null);
}

/** The phone's call-quality sampler on this call's real getStats(): does the route accept what it makes? */
async function qualitySampleOk(session: Session): Promise<boolean> {
  const pc = (session.sessionDescriptionHandler as unknown as { peerConnection?: RTCPeerConnection })
    ?.peerConnection;
  if (!pc) return false;
  // inbound-rtp appears with the first packets from the echo: give them up to 3 s.
  const until = performance.now() + 3_000;
  for (;;) {
    const { sample } = sampleFromStats(await pc.getStats(), "bench-call@127.0.0.1", Date.now(), null);
    if (sample.jitterMs !== null) return qualityReport.safeParse({ samples: [sample] }).success;
    if (performance.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function hangup(session: Session) {
  const ended = waitFor<void>("Terminated", 5_000, (done) => {
    if (session.state === SessionState.Terminated) done();
    session.stateChange.addListener((s) => s === SessionState.Terminated && done());
  });
  if (session.state === SessionState.Established) await session.bye();
  await ended;
}

/**
 * Drops the WebSocket under SIP.js (the socket closes without SIP.js asking, as when a network
 * or server cuts it) and resolves with the ms until the REGISTER after the reconnect succeeded.
 */
async function dropAndReregister(): Promise<{ reregisterMs: number; reconnects: number }> {
  if (!ua || !registerer) throw new Error("not registered");
  const transport = ua.transport as unknown as { ws?: WebSocket };
  if (!transport.ws) throw new Error("no WebSocket to drop");
  reconnects = 0;
  const dropped = performance.now();
  const again = waitFor<number>("re-registration", 15_000, (done) => {
    onRegistered = () => done(performance.now());
  });
  transport.ws.close(4000, "bench drop");
  const at = await again;
  onRegistered = null;
  return { reregisterMs: at - dropped, reconnects };
}

async function stop() {
  onRegistered = null;
  const agent = ua;
  ua = null;
  if (!agent) return;
  await registerer?.unregister().catch(() => {});
  registerer = null;
  await agent.stop().catch(() => {});
}

(window as unknown as { softphoneBench: unknown }).softphoneBench = {
  register,
  call,
  dropAndReregister,
  stop,
};
