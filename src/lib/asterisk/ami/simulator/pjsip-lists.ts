import { error, type ListBuilder, list } from "./list-format";
import type { DeviceState } from "./world-types";

/** PJSIPShowContacts (one per registered phone, or the bare-LF "No Contacts found") and PJSIPShowEndpoints. */
export const PJSIP_LISTS: Record<string, ListBuilder> = {
  pjsipshowcontacts: (world, _get, id) => {
    const contacts = [...world.extensions.values()].filter((e) => e.registered);
    if (contacts.length === 0) return error(id, "No Contacts found\n");
    const expires = Math.floor(world.startedAt / 1000) + 3600;
    return list(
      id,
      "A listing of Contacts follows, presented as ContactList events",
      "ContactListComplete",
      contacts.map((ext) => ({
        event: "ContactList",
        headers: [
          ["ObjectType", "contact"],
          ["ObjectName", ext.contact.objectName],
          ["ViaAddr", ext.contact.uri.replace(/^sip:[^@]*@([^:]*):.*$/, "$1")],
          ["QualifyTimeout", "3.000000"],
          ["Qualify2xxOnly", "false"],
          ["CallId", ext.contact.callId],
          ["RegServer", ""],
          ["PruneOnBoot", "no"],
          ["Path", ""],
          ["Endpoint", ext.number],
          ["ViaPort", String(ext.contact.viaPort)],
          ["AuthenticateQualify", "no"],
          ["Uri", ext.contact.uri],
          ["QualifyFrequency", "60"],
          ["UserAgent", "Switchboard simulated phone"],
          ["ExpirationTime", String(expires)],
          ["OutboundProxy", ""],
          ["Status", "Reachable"],
          ["RoundtripUsec", "400"],
        ],
      })),
    );
  },
  pjsipshowendpoints: (world, _get, id) => {
    const endpoints = [...world.extensions.keys(), world.options.trunk];
    return list(
      id,
      "A listing of Endpoints follows, presented as EndpointList events",
      "EndpointListComplete",
      endpoints.map((name) => {
        const ext = world.extensions.get(name);
        return {
          event: "EndpointList",
          headers: [
            ["ObjectType", "endpoint"],
            ["ObjectName", name],
            ["Transport", ""],
            ["Aor", name],
            ["Auths", ext ? name : ""],
            ["OutboundAuths", ""],
            ["Contacts", ext?.registered ? `${name}/${ext.contact.uri},` : ""],
            ["DeviceState", DEVSTATE_TEXT[world.devices.get(`PJSIP/${name}`) ?? "UNKNOWN"]],
            ["ActiveChannels", String(world.channelsOf(name).length)],
          ],
        };
      }),
    );
  },
};

const DEVSTATE_TEXT: Record<DeviceState, string> = {
  UNKNOWN: "Unknown",
  NOT_INUSE: "Not in use",
  INUSE: "In use",
  BUSY: "Busy",
  INVALID: "Invalid",
  UNAVAILABLE: "Unavailable",
  RINGING: "Ringing",
  RINGINUSE: "Ring+Inuse",
  ONHOLD: "On Hold",
};
