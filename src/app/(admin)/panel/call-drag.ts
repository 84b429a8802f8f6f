/**
 * HTML5 drag and drop of a call onto an extension, a queue or the parking lot. The payload is
 * the Uniqueid of the leg to move and a label; the server looks both up again.
 */
export const CALL_MIME = "application/x-switchboard-call";

export type DraggedCall = { uniqueid: string; label: string };

export function startCallDrag(e: React.DragEvent, call: DraggedCall) {
  e.dataTransfer.setData(CALL_MIME, JSON.stringify(call));
  e.dataTransfer.setData("text/plain", call.label);
  e.dataTransfer.effectAllowed = "move";
}

/** Props for an element that accepts a dropped call; `active` highlights it while one hovers. */
export function callDropTarget(onDrop: (call: DraggedCall) => void, setActive: (active: boolean) => void) {
  const accepts = (e: React.DragEvent) => e.dataTransfer.types.includes(CALL_MIME);
  return {
    onDragOver: (e: React.DragEvent) => {
      if (!accepts(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      setActive(true);
    },
    onDragLeave: () => setActive(false),
    onDrop: (e: React.DragEvent) => {
      setActive(false);
      if (!accepts(e)) return;
      e.preventDefault();
      try {
        const call = JSON.parse(e.dataTransfer.getData(CALL_MIME)) as DraggedCall;
        if (typeof call.uniqueid === "string" && typeof call.label === "string") onDrop(call);
      } catch {
        // Not ours after all.
      }
    },
  };
}
