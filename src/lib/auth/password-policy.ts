/** Shared by forms (client) and validation (server); kept apart from the argon2 code. */
export const MIN_PASSWORD_LENGTH = 12;
