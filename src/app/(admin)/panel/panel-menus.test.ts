import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PermissionsProvider } from "@/components/permissions-provider";
import { liveChannel } from "@/lib/asterisk/live/testing/live-fixtures";
import { emptyLiveState } from "@/lib/asterisk/live/types";
import { effectivePermissions } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/schema/users";
import { CallMenu } from "./call-menu";
import { ExtensionMenu } from "./extension-menu";
import { callGroups, extensionTiles } from "./panel-model";

/** 1002 talks to an outside caller whose name is markup; the viewer's own extension is 1001. */
function fixtures() {
  const s = emptyLiveState();
  s.channels["1.0"] = liveChannel("1.0", null, {
    callerIdNum: "5551234",
    callerIdName: '<img src=x onerror="alert(1)">',
  });
  s.channels["1.1"] = liveChannel("1.1", "1002", {
    linkedid: "1.0",
    connectedLineNum: "5551234",
    connectedLineName: '<img src=x onerror="alert(1)">',
  });
  const [tile] = extensionTiles([{ number: "1002", name: "Bob" }], s);
  const [call] = callGroups(s);
  return { tile: tile!, call: call! };
}

function render(role: Role, element: ReturnType<typeof createElement>) {
  const permissions = [...effectivePermissions(role)];
  // biome-ignore lint/correctness/noChildrenProp: createElement's typing wants children among the props here
  return renderToStaticMarkup(createElement(PermissionsProvider, { permissions, children: element }));
}

const noop = () => {};

function extensionMenu(role: Role) {
  const { tile, call } = fixtures();
  return render(
    role,
    createElement(ExtensionMenu, {
      tile,
      now: 5_000,
      me: "1001",
      movable: { uniqueid: call.legs[0]!.uniqueid, label: "caller" },
      queues: [],
      breakCodes: [],
      onRequest: noop,
      onTransfer: noop,
      onClose: noop,
    }),
  );
}

function callMenu(role: Role) {
  const { call } = fixtures();
  return render(
    role,
    createElement(CallMenu, {
      call,
      now: 5_000,
      me: "1001",
      agent: call.legs[1]!,
      movable: { uniqueid: call.legs[0]!.uniqueid, label: "caller" },
      onRequest: noop,
      onTransfer: noop,
      onClose: noop,
    }),
  );
}

const SPY = />(Listen|Whisper|Barge in)</;

describe("panel menus", () => {
  it("never show an agent the listen, whisper or barge buttons", () => {
    for (const html of [extensionMenu("agent"), callMenu("agent")]) {
      expect(html).not.toMatch(SPY);
      expect(html).not.toContain(">Hang up<");
    }
  });

  it("show a supervisor every supervision and control action", () => {
    for (const html of [extensionMenu("supervisor"), callMenu("supervisor")]) {
      for (const label of [">Listen<", ">Whisper<", ">Barge in<", ">Hang up<", ">Record<"])
        expect(html).toContain(label);
    }
  });

  it("render a caller's name as text, never as markup", () => {
    const html = extensionMenu("supervisor") + callMenu("supervisor");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});
