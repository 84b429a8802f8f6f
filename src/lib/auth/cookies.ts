/** next-auth's session cookie names: the __Secure- one on https, the plain one on http. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;
