import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), geolocation=(), microphone=(self)" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and WASM packages must be loaded by Node, not bundled.
  serverExternalPackages: [
    "ari-client",
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "pino",
    "pg",
    "ioredis",
    "fluent-ffmpeg",
    "@ffmpeg-installer/ffmpeg",
  ],
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
