/** The connection to the real Asterisk under test, all from the environment. */
export const REQUIRED = [
  "AMI_HOST",
  "AMI_PORT",
  "AMI_USER",
  "AMI_SECRET",
  "ARI_URL",
  "ARI_USER",
  "ARI_PASSWORD",
  "SIP_WS_URL",
  "ASTERISK_CONFIG_DIR",
  "ASTERISK_SPOOL_DIR",
  "ASTERISK_CLI",
] as const;

export function missingEnv(): string[] {
  return REQUIRED.filter((k) => !process.env[k]);
}

export const asterisk = {
  ami: {
    host: process.env.AMI_HOST ?? "",
    port: Number(process.env.AMI_PORT ?? 5038),
    username: process.env.AMI_USER ?? "",
    secret: process.env.AMI_SECRET ?? "",
  },
  configDir: process.env.ASTERISK_CONFIG_DIR ?? "",
  spoolDir: process.env.ASTERISK_SPOOL_DIR ?? "",
  cli: process.env.ASTERISK_CLI ?? "asterisk",
};
