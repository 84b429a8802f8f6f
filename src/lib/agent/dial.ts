/** The event the softphone listens for on `window`: it dials `detail.number`. */
export const DIAL_EVENT = "switchboard:dial";

export function requestDial(number: string): void {
  window.dispatchEvent(new CustomEvent(DIAL_EVENT, { detail: { number } }));
}
