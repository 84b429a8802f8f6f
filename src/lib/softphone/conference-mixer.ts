/**
 * A local 3-way conference: this browser mixes the audio so each far end hears the other and us.
 * For call X we send (our microphone + Y's remote audio), and vice versa; we hear both remote
 * streams through their own audio elements. It needs nothing from the SIP server, so it works
 * with any peer. `replaceTrack` swaps the outgoing track without renegotiation.
 */
export type MixLeg = {
  peerConnection: RTCPeerConnection;
  /** The call's microphone track (muting it silences us in the mix too). */
  micTrack: MediaStreamTrack;
  remoteStream: MediaStream;
};

export class ConferenceMixer {
  private readonly context: AudioContext;
  private readonly legs: [MixLeg, MixLeg];
  private readonly nodes: AudioNode[] = [];

  constructor(a: MixLeg, b: MixLeg) {
    this.context = new AudioContext();
    this.legs = [a, b];
  }

  async start(): Promise<void> {
    await this.context.resume().catch(() => {});
    const [a, b] = this.legs;
    await this.sendTo(a, [a.micTrack], b.remoteStream);
    await this.sendTo(b, [b.micTrack], a.remoteStream);
  }

  /** Puts each call's own microphone back on its sender and releases the audio graph. */
  async stop(): Promise<void> {
    for (const leg of this.legs) {
      const sender = audioSender(leg.peerConnection);
      if (sender && leg.peerConnection.connectionState !== "closed") {
        await sender.replaceTrack(leg.micTrack).catch(() => {});
      }
    }
    for (const n of this.nodes) n.disconnect();
    await this.context.close().catch(() => {});
  }

  private async sendTo(leg: MixLeg, mics: MediaStreamTrack[], other: MediaStream) {
    const destination = this.context.createMediaStreamDestination();
    for (const track of mics) {
      const source = this.context.createMediaStreamSource(new MediaStream([track]));
      source.connect(destination);
      this.nodes.push(source);
    }
    if (other.getAudioTracks().length > 0) {
      const source = this.context.createMediaStreamSource(other);
      source.connect(destination);
      this.nodes.push(source);
    }
    this.nodes.push(destination);
    const sender = audioSender(leg.peerConnection);
    const [mixed] = destination.stream.getAudioTracks();
    if (!sender || !mixed) throw new Error("The call has no audio to mix.");
    await sender.replaceTrack(mixed);
  }
}

export function audioSender(pc: RTCPeerConnection): RTCRtpSender | undefined {
  return pc.getSenders().find((s) => s.track?.kind === "audio") ?? pc.getSenders()[0];
}
