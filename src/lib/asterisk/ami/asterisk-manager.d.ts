/**
 * asterisk-manager 0.2.0 ships no types. Only asterisk-manager-gaps.test.ts imports it, to pin
 * down on real Asterisk 22 bytes why ami-client.ts does not build on it; this covers what that
 * test touches.
 */
declare module "asterisk-manager" {
  type Message = Record<string, unknown>;
  interface Manager {
    on(event: string, listener: (message: Message) => void): void;
    action(
      action: Record<string, string>,
      callback?: (error: Message | undefined, response?: Message) => void,
    ): string;
    disconnect(callback?: () => void): void;
  }
  function createManager(
    port: number,
    host: string,
    username: string,
    password: string,
    events: boolean,
  ): Manager;
  export = createManager;
}
