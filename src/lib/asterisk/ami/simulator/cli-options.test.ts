import { describe, expect, it } from "vitest";
import { parseCliOptions } from "./cli-options";

describe("parseCliOptions", () => {
  it("defaults to port 5038, the switchboard user and 10 calls at a natural pace", () => {
    expect(parseCliOptions([])).toMatchObject({
      port: 5038,
      host: "127.0.0.1",
      username: "switchboard",
      secret: "switchboard",
      rate: null,
      calls: 10,
      demo: false,
      extensions: 30,
    });
  });

  it("reads the load, world and output flags", () => {
    const options = parseCliOptions([
      "--rate",
      "2000",
      "--calls",
      "50",
      "--extensions",
      "200",
      "--queues",
      "8",
      "--seed",
      "42",
      "--action-log",
      "/tmp/actions.jsonl",
      "--device-states",
      "pjsip",
      "--port",
      "0",
    ]);
    expect(options).toMatchObject({
      rate: 2000,
      calls: 50,
      extensions: 200,
      queues: 8,
      seed: 42,
      actionLog: "/tmp/actions.jsonl",
      deviceStates: "pjsip",
      port: 0,
    });
  });

  it("sizes the phones for --rate alone and leaves calls to the generator", () => {
    expect(parseCliOptions(["--rate", "5000"])).toMatchObject({ rate: 5000, calls: null, extensions: 500 });
    expect(parseCliOptions(["--demo"])).toMatchObject({ demo: true, calls: null });
  });

  it("rejects bad values with the flag's name", () => {
    expect(() => parseCliOptions(["--rate", "fast"])).toThrow(/--rate must be an integer/);
    expect(() => parseCliOptions(["--device-states", "odd"])).toThrow(/--device-states/);
    expect(() => parseCliOptions(["--nope"])).toThrow();
  });
});
